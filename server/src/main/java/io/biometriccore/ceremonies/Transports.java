package io.biometriccore.ceremonies;

import com.webauthn4j.data.AuthenticatorTransport;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * WebAuthn L3 §5.8.4 {@code AuthenticatorTransport}: "The values SHOULD be members of
 * AuthenticatorTransport but client platforms MUST ignore unknown values", and so does the server: it
 * keeps and echoes only the values it knows. A list longer than {@link #MAX_MEMBERS} or a member that is
 * not a string is {@code invalid_request}.
 */
final class Transports {

    static final int MAX_MEMBERS = 16;

    static final Set<String> KNOWN = Stream.of(AuthenticatorTransport.USB, AuthenticatorTransport.NFC,
                    AuthenticatorTransport.BLE, AuthenticatorTransport.SMART_CARD, AuthenticatorTransport.HYBRID,
                    AuthenticatorTransport.INTERNAL)
            .map(AuthenticatorTransport::getValue).collect(Collectors.toUnmodifiableSet());

    private Transports() {
    }

    /** The known transports among what the client sent. */
    static Set<String> known(@Nullable List<?> members) {
        if (members == null) {
            return Set.of();
        }
        if (members.size() > MAX_MEMBERS) {
            throw new ApiException(CommonProblem.INVALID_REQUEST,
                    "response.transports has more than " + MAX_MEMBERS + " members");
        }
        if (!members.stream().allMatch(String.class::isInstance)) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "response.transports holds a member that is not a string");
        }
        return members.stream().map(String.class::cast).filter(KNOWN::contains).collect(Collectors.toUnmodifiableSet());
    }

    /** Stored transports as descriptors carry them: known ones only, sorted. */
    static List<String> forDescriptor(Collection<String> stored) {
        return stored.stream().filter(KNOWN::contains).sorted().toList();
    }
}
