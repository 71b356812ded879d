package io.temas.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferencesTests {

    @Test
    void readsTheReferenceAnywhereInTheSubject() {
        assertThat(References.in("[#T-1042]")).contains("T-1042");
        assertThat(References.in("Re: Talebinizi aldık: Faturam [#T-1042]")).contains("T-1042");
        assertThat(References.in("[#T-7] Re: Fwd: soru")).contains("T-7");
    }

    @Test
    void takesTheFirstReferenceWhenThereAreSeveral() {
        assertThat(References.in("Re: [#T-12] ve [#T-34]")).contains("T-12");
    }

    @Test
    void ignoresLookalikesOfReferences() {
        assertThat(References.in("Re: T-1042")).isEmpty();
        assertThat(References.in("[T-1042]")).isEmpty();
        assertThat(References.in("[#T-]")).isEmpty();
        assertThat(References.in("[#T-12a]")).isEmpty();
        assertThat(References.in("[#X-1042]")).isEmpty();
    }

    @Test
    void findsNoReferenceWithoutASubject() {
        assertThat(References.in(null)).isEmpty();
    }

    @Test
    void stripsTheReferenceFromASubject() {
        assertThat(References.strip("Re: Faturam [#T-1042]")).isEqualTo("Re: Faturam");
        assertThat(References.strip("[#T-7] soru")).isEqualTo("soru");
        assertThat(References.strip("Faturam")).isEqualTo("Faturam");
    }

    @Test
    void newHeaderIdsAreUniqueAndInTheSendersDomain() {
        String first = References.newHeaderId("fatura@ornek.com.tr");

        assertThat(first).startsWith("<").endsWith("@ornek.com.tr>");
        assertThat(References.newHeaderId("fatura@ornek.com.tr")).isNotEqualTo(first);
        assertThat(References.newHeaderId(null)).endsWith("@temas.local>");
    }
}
