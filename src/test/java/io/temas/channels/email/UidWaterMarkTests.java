package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UidWaterMarkTests {

    @Test
    void movesOnlyOverAGaplessRunOfDoneMessages() {
        UidWaterMark mark = new UidWaterMark(10, List.of(11L, 12L, 13L, 14L));

        assertThat(mark.done(13)).isEqualTo(10);
        assertThat(mark.done(12)).isEqualTo(10);
        assertThat(mark.done(11)).isEqualTo(13);
        assertThat(mark.complete()).isFalse();
        assertThat(mark.done(14)).isEqualTo(14);
        assertThat(mark.complete()).isTrue();
    }

    @Test
    void aMessageThatIsNotDoneHoldsTheMarkBelowItHoweverManyFollowItAreDone() {
        UidWaterMark mark = new UidWaterMark(0, List.of(1L, 2L, 3L, 4L, 5L));

        mark.done(1);
        mark.done(3);
        mark.done(4);
        mark.done(5);

        assertThat(mark.mark()).isEqualTo(1);
        assertThat(mark.complete()).isFalse();
    }

    @Test
    void uidsThatAreNotCandidatesNeverHoldTheMark() {
        // 3 and 6 to 8 were expunged, or read by a person before the first fetch.
        UidWaterMark mark = new UidWaterMark(0, List.of(9L, 2L, 1L, 4L, 5L));

        mark.done(1);
        mark.done(2);
        assertThat(mark.mark()).isEqualTo(3);
        mark.done(5);
        mark.done(4);
        assertThat(mark.mark()).isEqualTo(8);
        mark.done(9);
        assertThat(mark.mark()).isEqualTo(9);
    }

    @Test
    void withoutCandidatesTheMarkStaysWhereItWas() {
        UidWaterMark mark = new UidWaterMark(42, List.of());

        assertThat(mark.mark()).isEqualTo(42);
        assertThat(mark.complete()).isTrue();
    }

    @Test
    void refusesACandidateAtOrBelowTheMark() {
        assertThatThrownBy(() -> new UidWaterMark(5, List.of(5L, 6L))).isInstanceOf(IllegalArgumentException.class);
    }
}
