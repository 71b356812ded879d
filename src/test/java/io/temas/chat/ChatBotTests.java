package io.temas.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.knowledge.SearchHit;
import io.temas.shared.Language;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bot's reading of a message: person and complaint words as whole words with Turkish endings,
 * and never inside other words; shouting; greetings; which second article is close enough. The
 * decisions here come before any search or routing look-up, so the bot runs without them.
 */
class ChatBotTests {

    static final WordList PERSON = WordList.load("chat/person-words.txt");
    static final WordList COMPLAINT = WordList.load("chat/complaint-words.txt");

    // No search, knowledge base or routing: every message here is decided before the bot would ask them.
    final ChatBot bot = new ChatBot(null, null, null);

    static Optional<String> person(String text) {
        return PERSON.find(WordList.words(text));
    }

    static Optional<String> complaint(String text) {
        return COMPLAINT.find(WordList.words(text));
    }

    BotDecision decide(String text) {
        return bot.onMessage(new BotTurn(UUID.randomUUID(), "web-sohbet", Language.TR, text, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Temsilci istiyorum", "temsilciyle görüşmek istiyorum", "Beni operatöre bağlar mısınız?",
            "OPERATORLE konusmak istiyorum", "müşteri temsilcinize bağlanmak istiyorum", "canlı desteğe bağlanabilir miyim",
            "canli destek", "gerçek bir insanla konuşmak istiyorum", "insan lütfen", "İNSAN", "bir yetkiliyle görüşmem lazım",
            "temsilci'ye bağlayın", "Müştəri xidməti ilə əlaqə saxlamaq istəyirəm", "nümayəndə ilə danışmaq istəyirəm",
            "canlı dəstəyə qoşun", "operatorla danışım", "I want to talk to someone", "Can I speak to a human please?",
            "agent please", "real person", "Is there a live agent?", "temsilcilerinize ulaşamıyorum"})
    void aCustomerAskingForAPersonIsHeard(String text) {
        assertThat(person(text)).as(text).isPresent();
        assertThat(decide(text)).as(text).isInstanceOf(BotDecision.HandOver.class)
                .extracting(d -> ((BotDecision.HandOver) d).reason()).isEqualTo(HandOverReason.ASKED_FOR_PERSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"insanlar hakkında bir makale var mı", "İnsan kaynakları departmanına nasıl başvururum?",
            "insani yardım kampanyanız var mı", "siparişim temsilcilik ofisine gitti mi", "operasyon ne zaman biter",
            "yetkili servis nerede", "yetkili servis adresleriniz nerede, cihazım bozuldu", "Kargom hâlâ gelmedi", "agenda for the meeting",
            "My travel agent booked the wrong delivery address for me", "humanity", "personalised card design",
            "insanlık"})
    void wordsThatOnlyLookLikePersonWordsAreNot(String text) {
        assertThat(person(text)).as(text).isEmpty();
    }

    @Test
    void theLongestPhraseIsNamedAsWrittenInTheList() {
        assertThat(person("müşteri temsilcisiyle görüşmek istiyorum")).contains("müşteri temsilcisi");
        assertThat(person("MUSTERI TEMSILCISI")).contains("müşteri temsilcisi");
        assertThat(decide("operatöre bağlayın")).isEqualTo(new BotDecision.HandOver(HandOverReason.ASKED_FOR_PERSON, "operatör"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bu ne rezalet", "Berbat bir hizmet", "şikayetim var", "Şikayetlerimi kimse dinlemiyor",
            "Tam bir saçmalık bu", "dolandırıcısınız", "Rezalettir!", "berbatsınız", "Bu biabırçılıqdır",
            "şikayətim var", "bərbad xidmət", "This is ridiculous", "total scam", "completely unacceptable",
            "I want to file a complaint", "what a rip-off"})
    void wordsOfAngerOrComplaintHandOver(String text) {
        assertThat(complaint(text)).as(text).isPresent();
        assertThat(decide(text)).as(text).isInstanceOf(BotDecision.HandOver.class)
                .extracting(d -> ((BotDecision.HandOver) d).reason()).isEqualTo(HandOverReason.COMPLAINT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Berberinizin adresi nedir", "rezervasyon yaptım", "Scampi on the menu", "fraudulently",
            "complainant address", "kazıkçı değil kazma", "faturamı nasıl öderim", "şikayetname", "worstead yarn"})
    void wordsThatOnlyLookLikeComplaintsAreNot(String text) {
        assertThat(complaint(text)).as(text).isEmpty();
    }

    @Test
    void shoutingIsMostlyCapitalsWithSeveralExclamationMarks() {
        assertThat(Shouting.shouts("NEDEN HALA GELMEDİ SİPARİŞİM!!!")).isTrue();
        assertThat(Shouting.shouts("SİPARİŞİM NEREDE ! ! !")).isTrue();
        assertThat(Shouting.shouts("NEDEN HALA GELMEDİ SİPARİŞİM?")).isFalse();
        assertThat(Shouting.shouts("Siparişim nerede!!!")).isFalse();
        assertThat(Shouting.shouts("ŞOK!!!")).isFalse();
        assertThat(Shouting.shouts("KARGO NEREDE?! hala yok!")).isFalse();
        BotDecision shouted = decide("PARAMI GERİ İSTİYORUM HEMEN!!!!");
        assertThat(shouted).isInstanceOf(BotDecision.HandOver.class);
        assertThat(((BotDecision.HandOver) shouted).reason()).isEqualTo(HandOverReason.COMPLAINT);
        assertThat(((BotDecision.HandOver) shouted).detail()).isEqualTo("PARAMI GERİ İSTİYORUM HEMEN!!!!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"merhaba", "Selam!", "hi", "Hello there", "iyi günler", "Merhabalar, kolay gelsin", "slm",
            "bir sorum var", "kimse var mı?", "salam", "Sabahınız xeyir", "can you help me?", "yardım lütfen", "", "   ", "?!",
            "🙂", "teşekkürler"})
    void aGreetingWithNothingToSearchForIsAskedHowTheBotCanHelp(String text) {
        assertThat(decide(text)).as(text).isEqualTo(new BotDecision.Ask());
    }

    @Test
    void aSecondArticleOnlyWhenItScoresCloseToTheFirst() {
        SearchHit first = hit("faturami-nasil-oderim", 10);
        assertThat(ChatBot.best(List.of())).isEmpty();
        assertThat(ChatBot.best(List.of(first))).containsExactly(first);
        SearchHit close = hit("otomatik-odeme-talimati", 8.5);
        assertThat(ChatBot.best(List.of(first, close))).containsExactly(first, close);
        SearchHit weak = hit("kapida-odeme", 5);
        assertThat(ChatBot.best(List.of(first, weak))).containsExactly(first);
    }

    @Test
    void entriesMarkedAloneCountOnlyInAShortMessage() {
        WordList list = WordList.parse("# comment\n!agent\n=canlı\nsipariş\n");
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.find(WordList.words("Agent, please!"))).contains("agent");
        assertThat(list.find(WordList.words("the agent on the phone was nice to me"))).isEmpty();
        assertThat(list.find(WordList.words("canlı"))).contains("canlı");
        assertThat(list.find(WordList.words("canlıya"))).isEmpty();
        assertThat(list.find(WordList.words("SİPARİŞİMİ iptal"))).contains("sipariş");
        assertThat(list.find(WordList.words("siparişler"))).contains("sipariş");
        assertThat(list.find(WordList.words("siparişçi"))).isEmpty();
    }

    @Test
    void theBotSpeaksEveryLanguageAndNamesEveryReasonForTheTimeline() throws java.io.IOException {
        List<String> keys = new java.util.ArrayList<>(List.of("bot.greeting", "bot.ask", "bot.suggest", "bot.noArticle", "bot.handoff",
                "bot.waiting", "bot.answered", "bot.outOfHours", "bot.offer.email", "bot.offer.callback", "bot.continuedByEmail",
                "bot.callbackNoted"));
        for (HandOverReason reason : HandOverReason.values()) {
            keys.add("bot.reason." + reason.code());
        }
        var source = new org.springframework.context.support.ResourceBundleMessageSource();
        source.setBasename("i18n/chatbot");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (String suffix : List.of("", "_tr", "_az", "_en")) {
            var bundle = new java.util.Properties();
            try (var in = new java.io.InputStreamReader(getClass().getResourceAsStream("/i18n/chatbot" + suffix + ".properties"),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                bundle.load(in);
            }
            assertThat(bundle.stringPropertyNames()).as(suffix).containsAll(keys);
        }
        for (Language language : Language.values()) {
            String formatted = source.getMessage("bot.reason.asked-for-person", new Object[] {"temsilci"}, language.locale());
            assertThat(formatted).as(language.code()).contains("\"temsilci\"");
            assertThat(source.getMessage("bot.outOfHours", new Object[] {"7.12.2026 09:00"}, language.locale())).contains("7.12.2026 09:00");
            seen.put(language.code(), source.getMessage("bot.ask", null, language.locale()));
        }
        assertThat(seen.values()).doesNotHaveDuplicates();
        assertThat(source.getMessage("bot.ask", null, java.util.Locale.ROOT)).isEqualTo(seen.get("tr"));
    }

    private static SearchHit hit(String slug, double score) {
        return new SearchHit(UUID.randomUUID(), slug, slug, "", Language.TR, null, score);
    }
}
