package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreaderTests {

    @Test
    void readsTheReferenceAnywhereInTheSubject() {
        assertThat(Threader.reference("[#T-1042]")).contains("T-1042");
        assertThat(Threader.reference("Re: Talebinizi aldık: Faturam [#T-1042]")).contains("T-1042");
        assertThat(Threader.reference("[#T-7] Re: Fwd: soru")).contains("T-7");
    }

    @Test
    void takesTheFirstReferenceWhenThereAreSeveral() {
        assertThat(Threader.reference("Re: [#T-12] ve [#T-34]")).contains("T-12");
    }

    @Test
    void ignoresLookalikesOfReferences() {
        assertThat(Threader.reference("Re: T-1042")).isEmpty();
        assertThat(Threader.reference("[T-1042]")).isEmpty();
        assertThat(Threader.reference("[#T-]")).isEmpty();
        assertThat(Threader.reference("[#T-12a]")).isEmpty();
        assertThat(Threader.reference("[#X-1042]")).isEmpty();
    }

    @Test
    void findsNoReferenceWithoutASubject() {
        assertThat(Threader.reference(null)).isEmpty();
    }
}
