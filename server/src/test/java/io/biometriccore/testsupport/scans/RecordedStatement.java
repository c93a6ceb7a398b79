package io.biometriccore.testsupport.scans;

import java.util.List;
import java.util.Objects;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;

/** One statement the server ran, with the bind values it ran with. */
public record RecordedStatement(String sql, List<ParameterSetOperation> parameters) {

    public RecordedStatement {
        Objects.requireNonNull(sql, "sql");
        parameters = List.copyOf(parameters);
    }

    /** Only these can be EXPLAINed; SET, SHOW, LISTEN, COPY and the like have no plan. */
    public boolean explainable() {
        String head = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
        return head.startsWith("SELECT") || head.startsWith("INSERT") || head.startsWith("UPDATE")
                || head.startsWith("DELETE") || head.startsWith("WITH");
    }
}
