package io.biometriccore.risk.internal;

import io.biometriccore.risk.RiskSignal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The signals the engine runs: the built-in ones (Spring beans) and a third party's, found with
 * {@link ServiceLoader}. {@code biometric.risk.signals=none} runs none of them, so that only the
 * credential-status rule decides (the benchmark's figure without signals). Each plugin is logged as it
 * is loaded, so an operator sees in the start-up log which of them run.
 */
@Configuration(proxyBeanMethods = false)
class RiskConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RiskConfiguration.class);

    @Bean
    SignalCombination signalCombination(ObjectProvider<RiskSignal> beans, MeterRegistry meters,
            @Value("${biometric.risk.signals:all}") String enabled) {
        if (!List.of("all", "none").contains(enabled)) {
            throw new IllegalArgumentException("biometric.risk.signals must be all or none");
        }
        List<RiskSignal> signals = new ArrayList<>();
        if (enabled.equals("all")) {
            beans.orderedStream().forEach(signals::add);
            for (RiskSignal plugin : ServiceLoader.load(RiskSignal.class)) {
                log.info("Risk signal plugin {} loaded ({})", plugin.name(), plugin.getClass().getName());
                signals.add(plugin);
            }
        }
        return new SignalCombination(signals, signal -> Counter.builder("biometric.risk.signal.failures")
                .description("Risk signals that threw and were skipped").tag("signal", signal.name())
                .register(meters).increment());
    }
}
