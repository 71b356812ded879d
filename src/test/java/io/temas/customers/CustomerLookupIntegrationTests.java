package io.temas.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.customers.identity.IdentifierNormaliser;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import io.temas.shared.Language;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer found by an identifier written in any common spelling: every reading of it is looked up at once, and the
 * owner of the first reading someone holds is the answer, as when they were looked up one by one.
 */
@TemasIntegrationTest
class CustomerLookupIntegrationTests {

    @Autowired
    Customers customers;

    @Autowired
    IdentifierNormaliser normaliser;

    @Test
    void theFirstReadingSomeoneHoldsDecidesWhoseItIs() {
        String digits = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        CustomerId cookie = holder("Çerez", IdentifierType.COOKIE, digits);
        CustomerId loyalty = holder("Sadakat", IdentifierType.LOYALTY, digits);

        assertThat(customers.findByIdentifier(digits)).map(Customer::id).as("loyalty is read before a cookie").contains(loyalty);

        CustomerId account = holder("Hesap", IdentifierType.ACCOUNT, digits);
        assertThat(customers.findByIdentifier(digits)).map(Customer::id).as("an account before loyalty").contains(account);
        assertThat(customers.findByIdentifier("cookie:" + digits)).map(Customer::id).as("a reading named by its type").contains(cookie);
    }

    @Test
    void aPhoneNumberInItsLocalSpellingIsReadAsOneBeforeAnythingElse() {
        String local = "0555 " + ThreadLocalRandom.current().nextInt(100, 999) + " " + ThreadLocalRandom.current().nextInt(1000, 9999);
        CustomerId account = holder("Hesap", IdentifierType.ACCOUNT, local);
        assertThat(customers.findByIdentifier(local)).map(Customer::id).contains(account);

        CustomerId phone = holder("Telefon", IdentifierType.PHONE, local);
        assertThat(customers.findByIdentifier(local)).map(Customer::id).contains(phone);
    }

    @Test
    void aSpellingNobodyHoldsFindsNoOneAndNeitherDoesABlankOne() {
        assertThat(customers.findByIdentifier("kimse-" + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + "@example.com")).isEmpty();
        assertThat(customers.findByIdentifier("   ")).isEmpty();
    }

    private CustomerId holder(String name, IdentifierType type, String value) {
        var identifier = normaliser.normalise(new Identifier(type, value)).orElseThrow();
        Customers.Created created = customers.create(name, Language.TR, null, List.of(identifier));
        assertThat(created.attached()).containsExactly(identifier.key());
        return created.profile().id();
    }
}
