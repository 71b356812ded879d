package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.InboundMessage;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckPolicyTests {

    private static final Instant NOW = Instant.parse("2026-04-20T10:00:00Z");

    private final InboundSettings settings = new InboundSettings(null, Duration.ofHours(12), "Temas",
            List.of("noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "mailer-daemon", "postmaster", "bounce", "bounces"),
            3, Duration.ofHours(1));
    private final java.util.Map<String, Integer> acksSent = new java.util.HashMap<>();
    private final java.util.Set<String> bouncing = new java.util.HashSet<>();
    private final AckPolicy policy = new AckPolicy(settings, new AckPolicy.Addresses() {
        @Override
        public boolean isOurs(String address) {
            return address.equalsIgnoreCase("destek@ornek.com.tr");
        }

        @Override
        public boolean isUndeliverable(String address, ChannelType channel) {
            return bouncing.contains(address);
        }

        @Override
        public int acksSince(String address, Instant since) {
            return acksSent.getOrDefault(address, 0);
        }
    });

    private static InboundMessage message(String replyAddress, InboundMessage.Automation automation) {
        return new InboundMessage(ChannelType.EMAIL, "destek@ornek.com.tr", "ext-1",
                new InboundMessage.Sender("Ali", List.of(), replyAddress), "Faturam", "Merhaba", null, Language.TR, NOW,
                null, automation, null, new InboundMessage.RawPayload("text/plain", new byte[0]));
    }

    private static InboundMessage fromCustomer() {
        return message("ali@ornek.com", null);
    }

    @Test
    void acknowledgesTheFirstMessageOfAPerson() {
        AckDecision decision = policy.decide(fromCustomer(), null, NOW);

        assertThat(decision).isInstanceOf(AckDecision.Send.class);
        assertThat(decision.reason()).contains("PT12H");
    }

    @Test
    void skipsAutomatedSendersAndSaysWhy() {
        AckDecision decision = policy.decide(message("ali@ornek.com", new InboundMessage.Automation(true, false, "Auto-Submitted: auto-replied")),
                null, NOW);

        assertThat(decision).isInstanceOf(AckDecision.Skip.class);
        assertThat(decision.reason()).isEqualTo("sender is automated (Auto-Submitted: auto-replied)");
    }

    @Test
    void skipsBulkMail() {
        AckDecision decision = policy.decide(message("haber@ornek.com", new InboundMessage.Automation(false, true, null)),
                null, NOW);

        assertThat(decision).isInstanceOf(AckDecision.Skip.class);
        assertThat(decision.reason()).isEqualTo("bulk or list mail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"noreply@ornek.com", "NoReply@ornek.com", "no-reply@ornek.com", "noreply+fatura@ornek.com",
            "do-not-reply.tr@ornek.com", "MAILER-DAEMON@mx.ornek.com", "bounces-123@liste.ornek.com", "postmaster@ornek.com"})
    void skipsSendersThatTakeNoReplies(String address) {
        AckDecision decision = policy.decide(message(address, null), null, NOW);

        assertThat(decision).isInstanceOf(AckDecision.Skip.class);
        assertThat(decision.reason()).contains("does not take replies");
    }

    @ParameterizedTest
    @ValueSource(strings = {"noreplyali@ornek.com", "ali.noreply@ornek.com", "bouncer@ornek.com", "+905321112233"})
    void answersAddressesThatOnlyLookLikeNoReply(String address) {
        assertThat(policy.decide(message(address, null), null, NOW)).isInstanceOf(AckDecision.Send.class);
    }

    @Test
    void neverAnswersOurOwnEntryPoints() {
        AckDecision decision = policy.decide(message("Destek@Ornek.com.tr", null), null, NOW);

        assertThat(decision).isInstanceOf(AckDecision.Skip.class);
        assertThat(decision.reason()).contains("one of our own entry points");
    }

    @Test
    void skipsWhenThereIsNoAddressToAnswer() {
        assertThat(policy.decide(message(null, null), null, NOW)).isInstanceOf(AckDecision.Skip.class);
        assertThat(policy.decide(message(" ", null), null, NOW).reason()).isEqualTo("no address to answer on email");
    }

    @Test
    void acknowledgesAConversationOnlyOncePerWindow() {
        assertThat(policy.decide(fromCustomer(), NOW.minus(Duration.ofHours(11)), NOW))
                .isInstanceOf(AckDecision.Skip.class);
        assertThat(policy.decide(fromCustomer(), NOW.minus(Duration.ofHours(12)), NOW))
                .isInstanceOf(AckDecision.Send.class);
        assertThat(policy.decide(fromCustomer(), NOW.minus(Duration.ofDays(2)), NOW))
                .isInstanceOf(AckDecision.Send.class);
    }

    @Test
    void recognisesNoReplyLocalPartsOnlyInEmailAddresses() {
        assertThat(AckPolicy.isNoReply("donotreply@ornek.com", settings.noReplyPatterns())).isTrue();
        assertThat(AckPolicy.isNoReply("no_reply@ornek.com", settings.noReplyPatterns())).isTrue();
        assertThat(AckPolicy.isNoReply("ali@ornek.com", settings.noReplyPatterns())).isFalse();
        assertThat(AckPolicy.isNoReply("noreply", settings.noReplyPatterns())).isFalse();
    }

    @Test
    void aSenderWhoseMailBouncedGetsNoAck() {
        bouncing.add("ali@ornek.com");

        AckDecision decision = policy.decide(fromCustomer(), null, NOW);

        assertThat(decision).isInstanceOf(AckDecision.Skip.class);
        assertThat(decision.reason()).contains("bounced");
    }

    @Test
    void aSenderWhoGotTheMostAcksInTheWindowGetsNoMore() {
        acksSent.put("ali@ornek.com", 3);

        AckDecision decision = policy.decide(fromCustomer(), null, NOW);

        assertThat(decision).isInstanceOf(AckDecision.Skip.class);
        assertThat(decision.reason()).contains("limit 3");
    }

    @Test
    void anAddressFirstHeardWithTheMessageIsAcknowledgedWithoutLookingUpItsBouncesOrAcknowledgements() {
        InboundMessage message = fromCustomer();
        bouncing.add("ali@ornek.com");
        acksSent.put("ali@ornek.com", 3);

        assertThat(policy.decide(message, null, NOW, true)).isInstanceOf(AckDecision.Send.class);
        assertThat(policy.decide(message, null, NOW, false)).as("the same address, known before").isInstanceOf(AckDecision.Skip.class);
        assertThat(policy.decide(message("noreply@ornek.com", null), null, NOW, true)).as("the message's own signs still count")
                .isInstanceOf(AckDecision.Skip.class);
    }

    @Test
    void aSenderJustUnderTheLimitStillGetsAnAck() {
        acksSent.put("ali@ornek.com", 2);

        assertThat(policy.decide(fromCustomer(), null, NOW)).isInstanceOf(AckDecision.Send.class);
    }
}
