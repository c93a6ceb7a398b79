package io.biometriccore.seeding.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class PostgresOnlyTests {

    @Test
    void refusesTheQuickStartsH2SayingThatSeedingIsPostgresqlOnly() {
        var h2 = new DriverManagerDataSource("jdbc:h2:mem:seeding;MODE=PostgreSQL", "sa", "");

        assertThatThrownBy(() -> PostgresOnly.require(h2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL-only").hasMessageContaining("H2")
                .hasMessageContaining("SPRING_DATASOURCE_URL");
    }
}
