package io.biometriccore.testsupport.scans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every statement the server runs through its data source, with its real bind values, so
 * that {@link IndexUseCheck} can EXPLAIN each one. Distinct SQL texts are kept with up to
 * {@value #BINDINGS_PER_STATEMENT} sets of bind values each (plans can differ by value, NULL above all).
 */
public final class StatementRecorder implements QueryExecutionListener {

    static final int BINDINGS_PER_STATEMENT = 4;

    private final Map<String, List<RecordedStatement>> recorded = new LinkedHashMap<>();

    /** Wraps the server's data source in the recorder. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Recording {

        @Bean
        StatementRecorder statementRecorder() {
            return new StatementRecorder();
        }

        @Bean
        static BeanPostProcessor recordingDataSource(org.springframework.beans.factory.ObjectProvider<StatementRecorder> recorder) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource source) {
                        return ProxyDataSourceBuilder.create(source).name(name).listener(recorder.getObject()).build();
                    }
                    return bean;
                }
            };
        }
    }

    /** Forgets what was recorded so far (the start-up's migrations, earlier tests). */
    public synchronized void clear() {
        recorded.clear();
    }

    /** What was recorded since the last {@link #clear()}, in the order first seen. */
    public synchronized List<RecordedStatement> statements() {
        return recorded.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    }

    @Override
    public synchronized void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        for (QueryInfo query : queries) {
            List<RecordedStatement> bindings = recorded.computeIfAbsent(query.getQuery(), sql -> new ArrayList<>());
            if (query.getParametersList().isEmpty()) {
                if (bindings.isEmpty()) {
                    bindings.add(new RecordedStatement(query.getQuery(), List.of()));
                }
                continue;
            }
            // A batch ran the same plan shape for every row; its first row stands for the rest.
            RecordedStatement statement = new RecordedStatement(query.getQuery(), query.getParametersList().getFirst());
            if (bindings.size() < BINDINGS_PER_STATEMENT) {
                bindings.add(statement);
            }
        }
    }
}
