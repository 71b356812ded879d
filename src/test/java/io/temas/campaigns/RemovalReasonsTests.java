package io.temas.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every reason this module writes on a call-list entry reads back as the code a screen translates. */
class RemovalReasonsTests {

    @Test
    void everyContactPolicyIsReadBackByItsName() {
        for (ContactPolicy policy : ContactPolicy.all()) {
            assertThat(RemovalReasons.code(policy.name() + ": refused for a reason")).as(policy.name()).isEqualTo(policy.name());
        }
        assertThat(RemovalReasons.code("consent-missing: no consent to commercial voice is recorded")).isEqualTo("consent-missing");
        assertThat(RemovalReasons.code("do-not-contact: do not contact on voice: asked: twice")).isEqualTo("do-not-contact");
    }

    @Test
    void answersOnEveryChannelAreAnswersAndOptingOutIsItsOwn() {
        for (ResponseKind kind : ResponseKind.values()) {
            String expected = kind == ResponseKind.OPTED_OUT ? "opted-out" : "campaign-answered";
            // Attribution, the call outcome, the help centre's offer, and a list built after the answer.
            assertThat(RemovalReasons.code("responded " + kind.code() + " by sms")).isEqualTo(expected);
            assertThat(RemovalReasons.code("responded " + kind.code() + " by voice")).isEqualTo(expected);
            assertThat(RemovalReasons.code("answered " + kind.code() + " on the help centre")).isEqualTo(expected);
            assertThat(RemovalReasons.code(RemovalReasons.ALREADY_RESPONDED + "responded " + kind.code() + " by email")).isEqualTo(expected);
        }
        assertThat(RemovalReasons.code("clicked the campaign e-mail")).isEqualTo("campaign-answered");
        assertThat(RemovalReasons.code(RemovalReasons.ALREADY_RESPONDED + "clicked the campaign e-mail")).isEqualTo("campaign-answered");
    }

    @Test
    void noPhoneNumberAndTheUnknownHaveCodesToo() {
        assertThat(RemovalReasons.code(RemovalReasons.NO_PHONE)).isEqualTo("no-phone");
        assertThat(RemovalReasons.code(null)).isEqualTo("other");
        assertThat(RemovalReasons.code("")).isEqualTo("other");
        assertThat(RemovalReasons.code("something: else")).isEqualTo("other");
        assertThat(RemovalReasons.code(":")).isEqualTo("other");
    }
}
