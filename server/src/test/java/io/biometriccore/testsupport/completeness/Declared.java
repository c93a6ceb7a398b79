package io.biometriccore.testsupport.completeness;

import io.biometriccore.sessions.TokenRejection;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.ProblemCode;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.CoseAlgorithm;
import io.biometriccore.testsupport.Asserted.Kind;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Everything the server declares that a test must assert, read from the production enums at run time:
 * a new constant is held to the rule without anyone adding it to a list.
 */
public final class Declared {

    private static final String BASE_PACKAGE = "io.biometriccore";
    private static final String DPOP_VERIFIER = "io.biometriccore.sessions.internal.DPoPVerifier";

    private Declared() {
    }

    public static Map<Kind, Set<String>> all() {
        Map<Kind, Set<String>> declared = new EnumMap<>(Kind.class);
        declared.put(Kind.PROBLEM, problemCodes());
        declared.put(Kind.TOKEN_REJECTION, names(TokenRejection.values()));
        declared.put(Kind.EVENT, Arrays.stream(SecurityEventType.values()).map(SecurityEventType::wireName)
                .collect(Collectors.toCollection(TreeSet::new)));
        declared.put(Kind.ALGORITHM, names(CoseAlgorithm.values()));
        declared.put(Kind.DPOP_ALGORITHM, dpopAlgorithms());
        declared.put(Kind.NOTIFICATION, Arrays.stream(BankNotificationType.values())
                .map(BankNotificationType::wireName).collect(Collectors.toCollection(TreeSet::new)));
        return declared;
    }

    /**
     * The codes of every enum under {@code io.biometriccore} that implements {@link ProblemCode}, as
     * {@code ContractIT} finds them (a test declaring one would fail that test too).
     */
    static Set<String> problemCodes() {
        return problemCodeEnums().stream().flatMap(type -> Arrays.stream(type.getEnumConstants()))
                .map(ProblemCode::code).collect(Collectors.toCollection(TreeSet::new));
    }

    static List<Class<? extends ProblemCode>> problemCodeEnums() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(ProblemCode.class));
        return scanner.findCandidateComponents(BASE_PACKAGE).stream()
                .map(definition -> ClassUtils.resolveClassName(definition.getBeanClassName(), null))
                .filter(Class::isEnum)
                .<Class<? extends ProblemCode>>map(type -> type.asSubclass(ProblemCode.class)).toList();
    }

    /** The proof algorithms the server advertises ({@code dpop_signing_alg_values_supported}). */
    static Set<String> dpopAlgorithms() {
        try {
            Field field = Class.forName(DPOP_VERIFIER).getDeclaredField("ALGORITHMS");
            field.setAccessible(true);
            return ((List<?>) field.get(null)).stream().map(Object::toString)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + DPOP_VERIFIER + ".ALGORITHMS", e);
        }
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
