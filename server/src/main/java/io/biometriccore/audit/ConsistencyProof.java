package io.biometriccore.audit;

import java.util.List;

/** RFC 9162 §2.1.4: the proof that the log at {@code first} is a prefix of the log at {@code second}. */
public record ConsistencyProof(long first, long second, List<String> proof, SignedTreeHead firstHead,
        SignedTreeHead secondHead) {

    public ConsistencyProof {
        proof = List.copyOf(proof);
    }
}
