package io.biometriccore.testsupport.scans;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads a PostgreSQL plan ({@code EXPLAIN (FORMAT JSON)}) and names every scan whose cost grows with
 * a tenant's data. A scan of a table is <em>bounded</em> when its index condition constrains a
 * column besides {@code tenant_id} (a key, a customer, a range), or when it reads the tenant's rows in
 * index order under a {@code LIMIT} with nothing between that would read them all first. Everything
 * else is a finding:
 * <ul>
 * <li>a sequential scan;</li>
 * <li>an index scan with no index condition (the whole index);</li>
 * <li>an index scan constrained by the tenant alone, with no {@code LIMIT} that stops it, or a bitmap
 * over the tenant alone (a bitmap reads every match before the first row comes back).</li>
 * </ul>
 * Tables named in {@link #EXEMPT} are never findings: their rows grow with the banks and their
 * integrations, not with customers or events.
 */
public final class PlanRules {

    /**
     * Tables whose rows are a bank's configuration, not its customers' or its log's: the tenants, the
     * sealer's state of each, the bank's own backend API keys, each bank's one event webhook and one
     * external risk engine, its apps (20 at most), the deployment's one FIDO MDS3 BLOB (read by its primary
     * key, never per tenant), and Flyway's history.
     */
    public static final Set<String> EXEMPT = Set.of("tenant", "audit_tree_state", "api_key", "tenant_webhook",
            "risk_engine", "tenant_app", "mds_blob", "flyway_schema_history");

    private static final Set<String> SCANS = Set.of("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan");
    /** Nodes through which a LIMIT still stops the scan below early. */
    private static final Set<String> STREAMING = Set.of("LockRows", "Result", "Subquery Scan", "Limit");
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern CAST = Pattern.compile("::[a-z ]+(?:\\(\\d+\\))?(?:\\[\\])?");
    private static final Pattern WORD = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)?([a-z_][a-z0-9_]*)\\b");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "is", "null", "any", "all", "array",
            "true", "false", "in", "like");

    private PlanRules() {
    }

    /** The findings of one plan, each naming the node and the table; empty when every scan is bounded. */
    public static List<String> findings(JsonNode explainOutput) {
        List<String> findings = new ArrayList<>();
        for (JsonNode statement : explainOutput) {
            walk(statement.path("Plan"), false, findings);
        }
        return findings;
    }

    /**
     * @param limited a LIMIT above this node can still stop it early
     */
    private static void walk(JsonNode node, boolean limited, List<String> findings) {
        String type = node.path("Node Type").asString();
        if (SCANS.contains(type)) {
            check(node, type, limited).ifPresent(findings::add);
        }
        for (JsonNode child : node.path("Plans")) {
            walk(child, childLimited(type, limited, child), findings);
        }
    }

    private static boolean childLimited(String type, boolean limited, JsonNode child) {
        if (type.equals("Limit")) {
            return true;
        }
        if (type.equals("Nested Loop")) {
            // The outer side streams into the loop; the inner side runs again for every outer row.
            return limited && child.path("Parent Relationship").asString().equals("Outer");
        }
        return limited && STREAMING.contains(type);
    }

    private static Optional<String> check(JsonNode node, String type, boolean limited) {
        String table = node.path("Relation Name").asString();
        if (EXEMPT.contains(table)) {
            return Optional.empty();
        }
        if (type.equals("Seq Scan")) {
            return Optional.of("Seq Scan on " + table);
        }
        String condition = type.equals("Bitmap Heap Scan") ? node.path("Recheck Cond").asString("")
                : node.path("Index Cond").asString("");
        if (condition.isEmpty()) {
            return Optional.of(type + " on " + table + " without an index condition");
        }
        Set<String> columns = columns(condition);
        boolean tenantOnly = columns.isEmpty() || Set.of("tenant_id").containsAll(columns);
        if (tenantOnly && (type.equals("Bitmap Heap Scan") || !limited)) {
            return Optional.of(type + " on " + table + " reads the whole tenant (" + condition + ")");
        }
        return Optional.empty();
    }

    /** The column names an index condition constrains, its literals and casts left out. */
    static Set<String> columns(String condition) {
        // Types are lower case in PostgreSQL's output and AND/OR upper case, so casts go before case folding.
        String bare = CAST.matcher(LITERAL.matcher(condition).replaceAll("''")).replaceAll("").toLowerCase(Locale.ROOT);
        Set<String> columns = new TreeSet<>();
        Matcher words = WORD.matcher(bare);
        while (words.find()) {
            if (!KEYWORDS.contains(words.group(1))) {
                columns.add(words.group(1));
            }
        }
        return columns;
    }
}
