package io.biometriccore.audit;

import io.biometriccore.audittools.TreeHead;
import io.biometriccore.shared.Base64Url;
import java.time.Instant;

/** A signed tree head as the API shows it: root hash base64url, and the compact JWS over all of it. */
public record SignedTreeHead(long treeSize, String rootHash, Instant timestamp, String jws) {

    public static SignedTreeHead of(TreeHead head) {
        return new SignedTreeHead(head.treeSize(), Base64Url.encode(head.rootHash()), head.timestamp(), head.jws());
    }
}
