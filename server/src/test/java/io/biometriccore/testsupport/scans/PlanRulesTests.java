package io.biometriccore.testsupport.scans;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rules of the no-scan test, on plans as PostgreSQL 15 writes them with EXPLAIN (FORMAT JSON). */
class PlanRulesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TENANT = "((tenant_id)::text = 'bank'::text)";
    private static final String TENANT_AND_DEVICE = "(((tenant_id)::text = 'bank'::text) AND (device_id = '2c9d1c1e-6b0e-4a57-9a52-3c1b2f0f4f11'::uuid))";

    @Test
    void aSequentialScanIsAFinding() {
        assertThat(PlanRules.findings(plan(node("Seq Scan", "credential", null))))
                .containsExactly("Seq Scan on credential");
    }

    @Test
    void anIndexScanByAKeyIsBounded() {
        assertThat(PlanRules.findings(plan(node("Index Scan", "credential", TENANT_AND_DEVICE)))).isEmpty();
    }

    @Test
    void anIndexScanByTheTenantAloneReadsTheWholeTenant() {
        assertThat(PlanRules.findings(plan(node("Index Scan", "audit_leaf", TENANT))))
                .containsExactly("Index Scan on audit_leaf reads the whole tenant (" + TENANT + ")");
    }

    @Test
    void anIndexScanWithoutAConditionIsAFinding() {
        assertThat(PlanRules.findings(plan(node("Index Only Scan", "audit_leaf", null))))
                .containsExactly("Index Only Scan on audit_leaf without an index condition");
    }

    @Test
    void theTenantInIndexOrderUnderALimitIsBounded() {
        assertThat(PlanRules.findings(plan(parent("Limit", parent("LockRows", node("Index Scan", "audit_event", TENANT))))))
                .isEmpty();
    }

    @Test
    void aSortBetweenTheLimitAndTheScanReadsEverythingFirst() {
        assertThat(PlanRules.findings(plan(parent("Limit", parent("Sort", node("Index Scan", "audit_event", TENANT))))))
                .containsExactly("Index Scan on audit_event reads the whole tenant (" + TENANT + ")");
    }

    @Test
    void theInnerSideOfANestedLoopRunsForEveryOuterRow() {
        String loop = """
                {"Node Type": "Nested Loop", "Plans": [%s, %s]}""".formatted(
                withRelationship(node("Index Scan", "audit_leaf", TENANT), "Outer"),
                withRelationship(node("Index Scan", "audit_event", TENANT), "Inner"));

        assertThat(PlanRules.findings(plan(parent("Limit", loop))))
                .containsExactly("Index Scan on audit_event reads the whole tenant (" + TENANT + ")");
    }

    @Test
    void aBitmapOverTheTenantReadsItWholeEvenUnderALimit() {
        String bitmap = """
                {"Node Type": "Bitmap Heap Scan", "Relation Name": "device", "Recheck Cond": "%s"}""".formatted(TENANT);

        assertThat(PlanRules.findings(plan(parent("Limit", bitmap))))
                .containsExactly("Bitmap Heap Scan on device reads the whole tenant (" + TENANT + ")");
    }

    @Test
    void tablesWithARowPerTenantAreNotFindings() {
        assertThat(PlanRules.findings(plan(node("Seq Scan", "tenant", null)))).isEmpty();
        assertThat(PlanRules.findings(plan(node("Index Scan", "audit_tree_state", TENANT)))).isEmpty();
    }

    @Test
    void scansInsideSubplansAreFound() {
        String insert = """
                {"Node Type": "ModifyTable", "Relation Name": "audit_leaf", "Plans": [%s]}"""
                .formatted(withRelationship(node("Seq Scan", "audit_event", null), "SubPlan"));

        assertThat(PlanRules.findings(plan(insert))).containsExactly("Seq Scan on audit_event");
    }

    @Test
    void theColumnsOfAConditionLeaveOutLiteralsCastsAndKeywords() {
        assertThat(PlanRules.columns(TENANT_AND_DEVICE)).containsExactly("device_id", "tenant_id");
        assertThat(PlanRules.columns("((e.tenant_id)::text = 'it''s AND id'::text)")).containsExactly("tenant_id");
        assertThat(PlanRules.columns("((tenant_id = 'b'::text) AND (occurred_at >= '2026-12-01 10:00:00+00'::timestamp with time zone))"))
                .containsExactly("occurred_at", "tenant_id");
        assertThat(PlanRules.columns("(id = ANY ('{1,2}'::bigint[]))")).containsExactly("id");
    }

    private static JsonNode plan(String root) {
        return JSON.readTree("[{\"Plan\": " + root + "}]");
    }

    private static String node(String type, String table, String indexCond) {
        String cond = indexCond == null ? "" : ", \"Index Cond\": \"" + indexCond + "\"";
        return "{\"Node Type\": \"" + type + "\", \"Relation Name\": \"" + table + "\"" + cond + "}";
    }

    private static String parent(String type, String child) {
        return "{\"Node Type\": \"" + type + "\", \"Plans\": [" + withRelationship(child, "Outer") + "]}";
    }

    private static String withRelationship(String node, String relationship) {
        return node.replaceFirst("\\{", "{\"Parent Relationship\": \"" + relationship + "\", ");
    }
}
