package io.biometriccore.activity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.AuditEvents.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RFC 4180 quoting and spreadsheet formula neutralisation of the forensics CSV export. */
class CsvExportTest {

    @Test
    void plainValuesStayAsTheyAre() {
        assertThat(CsvExport.cell("token.issued")).isEqualTo("token.issued");
        assertThat(CsvExport.cell("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(CsvExport.cell(null)).isEmpty();
    }

    @Test
    void quotesFieldsWithCommasQuotesAndLineBreaks() {
        assertThat(CsvExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvExport.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvExport.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void neutralisesCellsASpreadsheetWouldRunAsFormulas() {
        assertThat(CsvExport.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvExport.cell("+1")).isEqualTo("'+1");
        assertThat(CsvExport.cell("-1")).isEqualTo("'-1");
        assertThat(CsvExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvExport.cell("\tx")).isEqualTo("'\tx");
        assertThat(CsvExport.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    }

    @Test
    void writesAHeaderAndOneCrlfTerminatedRowPerEvent() {
        Event event = new Event(7, Instant.parse("2025-01-31T12:00:00Z"), "device.renamed", "success", null,
                "customer", "c-1", UUID.fromString("00000000-0000-0000-0000-000000000001"), null, null, null, null,
                "corr", "192.0.2.1", "Agent, v1", Map.of("name", "Bob's \"phone\""), false, null, null);

        String csv = CsvExport.of(List.of(event));

        assertThat(csv).isEqualTo(String.join(",", CsvExport.HEADER) + "\r\n"
                + "7,2025-01-31T12:00:00Z,device.renamed,success,,customer,c-1,00000000-0000-0000-0000-000000000001,"
                + ",,,,corr,192.0.2.1,\"Agent, v1\",\"{\"\"name\"\":\"\"Bob's \\\"\"phone\\\"\"\"\"}\",false,,\r\n");
    }
}
