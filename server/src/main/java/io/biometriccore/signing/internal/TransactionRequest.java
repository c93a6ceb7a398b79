package io.biometriccore.signing.internal;

import static io.biometriccore.signing.internal.Money.invalid;

import io.biometriccore.tenancy.SigningPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The bank's registration of a transaction, as it comes: every member is checked by {@link #validate},
 * which names the member at fault in {@code transaction_invalid}.
 */
record TransactionRequest(@Nullable UUID customerId, @Nullable String type, Money.@Nullable Amount amount,
        @Nullable Payee payee, @Nullable List<Item> items, @Nullable String text, @Nullable String reference,
        @Nullable Duration expiresIn, @Nullable Spc spc) {

    static final int MAX_ITEMS = 100;
    static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(5);
    static final Duration MIN_EXPIRY = Duration.ofSeconds(10);
    static final Duration MAX_EXPIRY = Duration.ofHours(1);
    private static final int MAX_TEXT = 500;
    private static final int MAX_REFERENCE = 140;
    private static final int MAX_ICON = 2048;
    /** Spaces, controls and quotes have no place in an icon URL the browser fetches and signs back. */
    private static final Pattern URI_CHARACTERS = Pattern.compile("[\\s\\p{Cntrl}\"<>\\\\]");

    /** A registration without Secure Payment Confirmation. */
    TransactionRequest(@Nullable UUID customerId, @Nullable String type, Money.@Nullable Amount amount,
            @Nullable Payee payee, @Nullable List<Item> items, @Nullable String text, @Nullable String reference,
            @Nullable Duration expiresIn) {
        this(customerId, type, amount, payee, items, text, reference, expiresIn, null);
    }

    /** Who is paid or added: a name the customer recognises and the account. */
    record Payee(@Nullable String name, @Nullable String account) {
    }

    /** One payment of a batch. */
    record Item(Money.@Nullable Amount amount, @Nullable Payee payee, @Nullable String reference) {
    }

    /**
     * A payment the customer may approve with Secure Payment Confirmation on a merchant's page (ADR 0037):
     * the page's origin, the payee origin the browser shows, if any, and the instrument it shows.
     */
    record Spc(@Nullable String merchantOrigin, @Nullable String payeeOrigin, @Nullable Instrument instrument) {

        /** SPC's {@code PaymentCredentialInstrument} as the browser shows it. */
        record Instrument(@Nullable String displayName, @Nullable String icon) {
        }

        /**
         * Origins normalised once, here, since what SPC signs is compared with them exactly; the merchant's
         * among the tenant's {@code signing.spcMerchantOrigins}.
         */
        Map<String, Object> members(SigningPolicy policy) {
            String merchant = origin(merchantOrigin, "spc.merchantOrigin");
            if (!policy.allowsSpcMerchant(merchant)) {
                throw invalid("spc.merchantOrigin must be one of the tenant's signing.spcMerchantOrigins");
            }
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("merchantOrigin", merchant);
            if (payeeOrigin != null) {
                members.put("payeeOrigin", origin(payeeOrigin, "spc.payeeOrigin"));
            }
            if (instrument == null) {
                throw invalid("spc.instrument is required");
            }
            String icon = required(instrument.icon(), "spc.instrument.icon", MAX_ICON);
            if (!icon.startsWith("https://") || URI_CHARACTERS.matcher(icon).find()) {
                throw invalid("spc.instrument.icon must be an https URL");
            }
            members.put("instrument", Map.of("displayName",
                    required(instrument.displayName(), "spc.instrument.displayName", 140), "icon", icon));
            return members;
        }

        private static String origin(@Nullable String origin, String member) {
            if (origin == null) {
                throw invalid(member + " is required");
            }
            try {
                return SigningPolicy.spcOrigin(origin, member);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
        }
    }

    /** What a transaction is. */
    enum Type {
        PAYMENT, BATCH_PAYMENT, PAYEE_ADDED, LIMIT_CHANGE, OTHER;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** A payment and a new payee name someone; the others may. */
        boolean needsPayee() {
            return this == PAYMENT || this == PAYEE_ADDED;
        }

        static Type of(@Nullable String wire) {
            for (Type type : values()) {
                if (type.wireName().equals(wire)) {
                    return type;
                }
            }
            throw invalid("type must be one of payment, batch_payment, payee_added, limit_change, other");
        }
    }

    /**
     * The members that enter the canonical form, valid; {@code tenantId}, {@code id}, the customer and
     * the times are added by the registration.
     */
    record Valid(UUID customerId, Type type, Money amount, @Nullable Map<String, Object> payee,
            @Nullable List<Map<String, Object>> items, @Nullable String text, @Nullable String reference,
            Duration expiresIn, @Nullable Map<String, Object> spc) {
    }

    /**
     * SPC is for a single payment only: the browser shows one payee and one total, while a batch's
     * approval must bind every payee it pays (PSD2 RTS Art. 5(3)), which SPC cannot show (ADR 0037).
     */
    Valid validate(SigningPolicy policy) {
        if (customerId == null) {
            throw invalid("customerId is required");
        }
        Type kind = Type.of(type);
        Money total = Money.parse(amount, "amount");
        Map<String, Object> payeeMembers = payee == null ? null : payee(payee, "payee");
        if (kind.needsPayee() && payeeMembers == null) {
            throw invalid("payee is required for " + kind.wireName());
        }
        List<Map<String, Object>> itemMembers = items(kind, total);
        if (spc != null && kind != Type.PAYMENT) {
            throw invalid("spc is only for payment");
        }
        return new Valid(customerId, kind, total, payeeMembers, itemMembers, optional(text, "text", MAX_TEXT),
                optional(reference, "reference", MAX_REFERENCE), expiry(), spc == null ? null : spc.members(policy));
    }

    private @Nullable List<Map<String, Object>> items(Type kind, Money total) {
        if (kind != Type.BATCH_PAYMENT) {
            if (items != null && !items.isEmpty()) {
                throw invalid("items are only for batch_payment");
            }
            return null;
        }
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw invalid("items must have 1 to " + MAX_ITEMS + " payments for batch_payment");
        }
        List<Map<String, Object>> members = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < items.size(); i++) {
            String path = "items[" + i + "]";
            Item item = items.get(i);
            if (item == null) {
                throw invalid(path + " is required");
            }
            Money money = Money.parse(item.amount(), path + ".amount");
            if (!money.currency().equals(total.currency())) {
                throw invalid(path + ".amount.currency must be the batch's " + total.currency());
            }
            sum = Money.sum(sum, money.minor(), "items");
            members.add(item(item, money, path));
        }
        if (sum != total.minor()) {
            throw invalid("amount must be the sum of the items, " + Money.ofMinor(sum, total.currency()).value());
        }
        return members;
    }

    private static Map<String, Object> item(Item item, Money money, String path) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("amount", money.canonical());
        if (item.payee() == null) {
            throw invalid(path + ".payee is required");
        }
        members.put("payee", payee(item.payee(), path + ".payee"));
        String reference = optional(item.reference(), path + ".reference", MAX_REFERENCE);
        if (reference != null) {
            members.put("reference", reference);
        }
        return members;
    }

    private static Map<String, Object> payee(Payee payee, String path) {
        return Map.of("name", required(payee.name(), path + ".name", 140),
                "account", required(payee.account(), path + ".account", 64));
    }

    private Duration expiry() {
        Duration in = expiresIn == null ? DEFAULT_EXPIRY : expiresIn;
        if (in.compareTo(MIN_EXPIRY) < 0 || in.compareTo(MAX_EXPIRY) > 0) {
            throw invalid("expiresIn must be an ISO-8601 duration from PT10S to PT1H");
        }
        return in;
    }

    private static String required(@Nullable String value, String member, int max) {
        String present = optional(value, member, max);
        if (present == null) {
            throw invalid(member + " is required");
        }
        return present;
    }

    private static @Nullable String optional(@Nullable String value, String member, int max) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > max) {
            throw invalid(member + " must be 1 to " + max + " characters");
        }
        if (value.codePoints().anyMatch(TransactionRequest::hidden)) {
            throw invalid(member + " must not hold control, format (such as bidirectional overrides), unpaired"
                    + " surrogate, private-use or unassigned characters");
        }
        return value;
    }

    /**
     * Characters that can make what the customer is shown differ from what they sign (a right-to-left
     * override reorders a payee's name, a zero-width space hides in it) or that the canonical UTF-8 form
     * cannot carry (an unpaired surrogate would be signed as {@code ?}): refused in every string member.
     */
    private static boolean hidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}
