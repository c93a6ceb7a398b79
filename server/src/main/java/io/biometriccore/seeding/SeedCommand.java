package io.biometriccore.seeding;

import java.util.Arrays;
import java.util.Map;

/** Whether a start of the server jar is the seeding command rather than a server. */
public final class SeedCommand {

    /** The property that turns the command on: how many customers to seed. */
    public static final String CUSTOMERS_PROPERTY = "biometric.seed.customers";
    private static final String CUSTOMERS_VARIABLE = "BIOMETRIC_SEED_CUSTOMERS";

    private SeedCommand() {
    }

    /** {@code --biometric.seed.customers=...} among the arguments, or {@code BIOMETRIC_SEED_CUSTOMERS} set. */
    public static boolean requested(String[] args, Map<String, String> environment) {
        return Arrays.stream(args).anyMatch(arg -> arg.startsWith("--" + CUSTOMERS_PROPERTY + "="))
                || environment.containsKey(CUSTOMERS_VARIABLE);
    }
}
