package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.IdentityResolver;
import io.temas.customers.MergeCandidates;
import io.temas.customers.Merges;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The merge candidates screen as supervisors use it: the list (newest first, counted in the nav), one pair side by side
 * with the flag's reason in the reader's language, merge (undoable) and dismiss (never flagged again), and a decision
 * someone else made first said in words.
 */
@TemasIntegrationTest
class MergeCandidatesIntegrationTests {

    /** Two customers the rules would not merge (two account numbers), and the candidate the resolver flagged. */
    record Flagged(CustomerId withEmail, CustomerId withAccount, UUID candidate, String email, String account) {
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityResolver resolver;

    @Autowired
    MergeCandidates candidates;

    @Autowired
    Customers customers;

    @Autowired
    Merges merges;

    @Autowired
    JdbcClient jdbc;

    /** A message carrying the e-mail of one customer and the account of another, whose accounts differ. */
    Flagged flag(String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = name.toLowerCase().replace(' ', '.') + "." + suffix + "@example.com";
        String account = "TR-" + suffix;
        CustomerId a = resolver.resolve(List.of(Identifier.email(email), Identifier.account("TR-A-" + suffix)), name, Language.TR).customerId();
        CustomerId b = resolver.resolve(List.of(Identifier.account(account)), name + " (şube)", null).customerId();
        IdentityResolver.Resolution both = resolver.resolve(List.of(Identifier.email(email), Identifier.account(account)), name, null);
        assertThat(both.notes()).anyMatch(n -> n.contains("left to an agent"));
        UUID id = jdbc.sql("""
                        select id from merge_candidates where decided_at is null
                        and least(customer_a, customer_b) = least(?, ?) and greatest(customer_a, customer_b) = greatest(?, ?)""")
                .params(a.value(), b.value(), a.value(), b.value()).query(UUID.class).single();
        return new Flagged(a, b, id, email, account);
    }

    Console supervisor() {
        return Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
    }

    @Test
    void theListShowsFlaggedPairsNewestFirstAndTheNavCountsThem() {
        Flagged older = flag("Derya Kaya");
        Flagged newer = flag("Orhan Kaya");
        Console selin = supervisor();

        Console.Page list = selin.get("/console/merge-candidates?lang=en");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Orhan Kaya (şube)", "Derya Kaya (şube)");
        assertThat(list.body().indexOf(newer.candidate().toString())).as("newest first")
                .isLessThan(list.body().indexOf(older.candidate().toString()));
        assertThat(list.body()).contains("Together they would have 2 Account no identifiers; the limit is 1.");
        int open = candidates.openCount();
        assertThat(list.body()).containsPattern("id=\"nav-merge-candidates\"[\\s\\S]*?nav-count\">" + open + "<");
        assertThat(list.body()).contains("Pairs waiting for a decision: " + open);
    }

    @Test
    void agentsDoNotSeeTheScreen() {
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);

        assertThat(ayse.get("/console/merge-candidates").status()).isEqualTo(403);
        assertThat(ayse.get("/console/inbox").body()).doesNotContain("nav-merge-candidates");
    }

    @Test
    void theReviewShowsBothCustomersSideBySideWithTheReasonInTheReadersLanguage() {
        Flagged f = flag("Leyla Məmmədova");
        customers.update(f.withEmail(), "Leyla Məmmədova", Language.AZ, true, List.of("gold"));

        String turkish = supervisor().get("/console/merge-candidates/" + f.candidate() + "?lang=tr").body();
        String azerbaijani = supervisor().get("/console/merge-candidates/" + f.candidate() + "?lang=az").body();

        assertThat(turkish).contains("id=\"side-1\"", "id=\"side-2\"", "Leyla Məmmədova (şube)", f.email(), f.account(), "gold", "VIP");
        assertThat(turkish).contains("Birlikte 2 adet Hesap no tanımlayıcıları olurdu; sınır 1.");
        assertThat(azerbaijani).contains("Bunlar eyni şəxsdir?").doesNotContain("together they would have");
        assertThat(turkish).contains("value=\"" + f.withEmail().value() + "\"", "value=\"" + f.withAccount().value() + "\"");
    }

    @Test
    void mergingKeepsTheChosenCustomerAndCanBeUndone() {
        Flagged f = flag("Kemal Aydın");
        Console selin = supervisor();
        String review = "/console/merge-candidates/" + f.candidate();

        Console.Page merged = selin.submit(review, review + "/merge", Map.of("survivor", f.withAccount().value().toString()));

        assertThat(merged.location()).endsWith("/console/merge-candidates");
        assertThat(customers.get(f.withEmail()).mergedInto()).isEqualTo(f.withAccount().value());
        MergeCandidates.Candidate decided = candidates.get(f.candidate());
        assertThat(decided.decision()).isEqualTo(MergeCandidates.Decision.MERGED);
        assertThat(decided.decidedBy()).isEqualTo("selin");
        assertThat(selin.get("/console/merge-candidates").body()).doesNotContain(f.candidate().toString()).contains("id=\"undo-merge\"");

        // The existing undo, as the notice's button posts it.
        Console.Page undone = selin.submit("/console/customers/" + f.withAccount().value(), "/console/merges/" + decided.mergeId() + "/undo",
                Map.of("customer", f.withAccount().value().toString()));

        assertThat(undone.status()).isEqualTo(302);
        assertThat(customers.get(f.withEmail()).isMerged()).isFalse();
        assertThat(candidates.get(f.candidate()).open()).as("two again: back on the list").isTrue();
    }

    @Test
    void aSurvivorOutsideThePairIsRefusedInWords() {
        Flagged f = flag("Cem Uçar");
        Console selin = supervisor();
        String review = "/console/merge-candidates/" + f.candidate();

        Console.Page refused = selin.submit(review, review + "/merge", Map.of("survivor", UUID.randomUUID().toString()));
        Console.Page garbage = selin.submit(review, review + "/merge", Map.of("survivor", "x\u0000y"));

        assertThat(refused.location()).endsWith(review);
        assertThat(garbage.location()).endsWith(review);
        assertThat(selin.get(review + "?lang=en").body()).contains("Choose the profile that stays.");
        assertThat(candidates.get(f.candidate()).open()).isTrue();
    }

    @Test
    void aDismissedPairIsNotFlaggedAgain() {
        Flagged f = flag("Nur Demir");
        Console selin = supervisor();
        String review = "/console/merge-candidates/" + f.candidate();

        Console.Page dismissed = selin.submit(review, review + "/dismiss", Map.of());

        assertThat(dismissed.location()).endsWith("/console/merge-candidates");
        assertThat(candidates.get(f.candidate()).decision()).isEqualTo(MergeCandidates.Decision.DISMISSED);
        IdentityResolver.Resolution again = resolver.resolve(List.of(Identifier.email(f.email()), Identifier.account(f.account())), null, null);
        assertThat(again.customerId()).isIn(f.withEmail(), f.withAccount());
        assertThat(jdbc.sql("""
                        select count(*) from merge_candidates
                        where least(customer_a, customer_b) = least(?, ?) and greatest(customer_a, customer_b) = greatest(?, ?)""")
                .params(f.withEmail().value(), f.withAccount().value(), f.withEmail().value(), f.withAccount().value())
                .query(Integer.class).single()).as("flagged once, never again").isEqualTo(1);
        assertThat(customers.get(f.withEmail()).isMerged()).isFalse();
        assertThat(customers.get(f.withAccount()).isMerged()).isFalse();
    }

    @Test
    void theSecondSupervisorToDecideIsToldWhoDecidedFirst() {
        Flagged f = flag("Aslı Tan");
        Console selin = supervisor();
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        String review = "/console/merge-candidates/" + f.candidate();
        // Both opened the review before either decided.
        String selinsToken = selin.get(review).csrf();
        String adminsToken = admin.get(review).csrf();

        admin.post(review + "/dismiss", adminsToken, Map.of());
        Console.Page late = selin.post(review + "/merge", selinsToken, Map.of("survivor", f.withEmail().value().toString()));

        assertThat(late.location()).endsWith("/console/merge-candidates");
        assertThat(selin.get("/console/merge-candidates?lang=en").body()).contains("id=\"decided-first\"")
                .contains("recorded this pair as two different people").contains("your decision was not recorded");
        assertThat(customers.get(f.withEmail()).isMerged()).isFalse();
        assertThat(customers.get(f.withAccount()).isMerged()).isFalse();
    }
}
