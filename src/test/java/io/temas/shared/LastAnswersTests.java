package io.temas.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LastAnswersTests {

    @Test
    void keepsTheLastAnswerPerSlotAndNeverGivesOneKeysAnswerForAnother() {
        LastAnswers<String, Integer> answers = new LastAnswers<>(16);
        String first = "bir";
        String second = IntStream.range(0, 10_000).mapToObj(i -> "k" + i)
                .filter(k -> answers.slot(k.hashCode()) == answers.slot(first.hashCode())).findFirst().orElseThrow();

        assertThat(answers.get(first, first.hashCode())).isNull();
        answers.put(first, first.hashCode(), 1);
        assertThat(answers.get(first, first.hashCode())).isEqualTo(1);
        answers.put(second, second.hashCode(), 2);
        assertThat(answers.get(second, second.hashCode())).isEqualTo(2);
        assertThat(answers.get(first, first.hashCode())).as("replaced in its slot").isNull();
    }

    @Test
    void neighbouringHashesLandInDifferentSlots() {
        LastAnswers<Integer, Integer> answers = new LastAnswers<>(64);
        Set<Integer> slots = new HashSet<>();
        IntStream.range(1_000, 1_064).forEach(n -> slots.add(answers.slot(n)));

        assertThat(slots).hasSizeGreaterThan(48).allMatch(s -> s >= 0 && s < 64);
    }

    @Test
    void theNumberOfSlotsIsAPowerOfTwo() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LastAnswers<>(1000));
        assertThatIllegalArgumentException().isThrownBy(() -> new LastAnswers<>(1));
    }
}
