package io.temas.bench;

import io.temas.customers.InvalidIdentifier;
import io.temas.customers.identity.IdentifierNormaliser;
import io.temas.customers.identity.IdentitySettings;
import io.temas.customers.identity.NormalisedIdentifier;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Identifier normalisation, which runs for every identifier of every inbound message before the
 * identity look-up: e-mail addresses, phone numbers (libphonenumber parse and E.164 format) and
 * free-form values whose type is not given (search, merge tools). Each call takes the next value
 * of a small mixed array, so the JIT cannot fold a constant input. The normaliser keeps its last
 * answers, so those calls measure a value seen moments ago (as when one message's sender is
 * normalised again); {@link #phoneFirstSight} cycles through 65,536 numbers and measures the
 * parse itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class IdentityBenchmarks {

    private static final String[] EMAILS = {
            "ali.veli@example.com",
            "Fatma.Ozturk@Example.COM.TR",
            "Ayşe Yılmaz <ayse.yilmaz@posta.example.net>",
            "mailto:john.smith@example.co.uk",
            "  leyla@example.az ",
            "musteri.12345@example.com.tr",
            "Kenan.Aliyev+fatura@example.az",
            "test@test.com"};

    private static final String[] PHONES = {
            "0532 111 22 33",
            "+90 533 444 55 66",
            "+905301234567",
            "05301234567",
            "00994501234567",
            "(0212) 555 12 34",
            "+994 50 123 45 67",
            "+44 20 7946 0958"};

    private static final String[] FREE_FORM = {
            "0532 111 22 33",
            "Ali@Ornek.com.tr",
            "email:ali.veli@example.com",
            "phone:+90 533 444 55 66",
            "social:@ali_veli",
            "TR-100-2001",
            "ck-7f3a9c1e",
            "+905301234567"};

    private IdentifierNormaliser normaliser;
    private Identifier[] emails;
    private Identifier[] phones;
    private Identifier[] manyPhones;
    private int next;
    private int nextOfMany;

    @Setup
    public void setUp() {
        normaliser = new IdentifierNormaliser(IdentitySettings.defaults());
        emails = List.of(EMAILS).stream().map(Identifier::email).toArray(Identifier[]::new);
        phones = List.of(PHONES).stream().map(Identifier::phone).toArray(Identifier[]::new);
        manyPhones = new Identifier[1 << 16];
        for (int i = 0; i < manyPhones.length; i++) {
            manyPhones[i] = Identifier.phone(String.format(Locale.ROOT, "0532 %03d %02d %02d", i / 10_000, i / 100 % 100, i % 100));
        }
        // Every input must be valid (or a blocked placeholder), or the benchmark measures exceptions.
        for (Identifier identifier : emails) {
            normaliser.normalise(identifier);
        }
        for (Identifier identifier : phones) {
            normaliser.normalise(identifier);
        }
    }

    private int index() {
        next = (next + 1) & 7;
        return next;
    }

    @Benchmark
    public Optional<NormalisedIdentifier> email() {
        return normaliser.normalise(emails[index()]);
    }

    @Benchmark
    public Optional<NormalisedIdentifier> phone() {
        return normaliser.normalise(phones[index()]);
    }

    /** A number not seen among the last thousand: parsed and formatted by libphonenumber. */
    @Benchmark
    public Optional<NormalisedIdentifier> phoneFirstSight() {
        nextOfMany = (nextOfMany + 1) & (manyPhones.length - 1);
        return normaliser.normalise(manyPhones[nextOfMany]);
    }

    /** Type unknown: every type it could be is tried (a phone-like value is parsed as a phone number and an account number). */
    @Benchmark
    public List<NormalisedIdentifier> freeForm() {
        return normaliser.candidates(FREE_FORM[index()]);
    }

    /** The identifiers of one web form message: an e-mail address and a phone number. */
    @Benchmark
    public Object messageSender() {
        int i = index();
        Optional<NormalisedIdentifier> email = normaliser.normalise(emails[i]);
        Optional<NormalisedIdentifier> phone = normaliser.normalise(phones[i]);
        return email.isPresent() ? phone : email;
    }

    /** The price of a value that is not a phone number: libphonenumber throws, the normaliser wraps it. */
    @Benchmark
    public Object invalidPhone() {
        try {
            return normaliser.normalise(new Identifier(IdentifierType.PHONE, "abc-" + index()));
        } catch (InvalidIdentifier e) {
            return e;
        }
    }
}
