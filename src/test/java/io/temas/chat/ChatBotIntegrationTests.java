package io.temas.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.knowledge.Article;
import io.temas.knowledge.ArticleDraft;
import io.temas.knowledge.KnowledgeBase;
import io.temas.knowledge.SearchHit;
import io.temas.routing.BusinessCalendars;
import io.temas.routing.BusinessHours;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.routing.RoutingRule;
import io.temas.routing.RoutingRules;
import io.temas.routing.RuleConditions;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import io.temas.support.TemasIntegrationTest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bot against the demo help centre through the real search, the demo routing rules and a
 * rule of the test's own marked "a person answers", and agents' hours from the demo calendar.
 */
@TemasIntegrationTest
class ChatBotIntegrationTests {

    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    @Autowired
    ChatBot bot;

    @Autowired
    AgentHours hours;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    RoutingRules rules;

    @Autowired
    EntryPoints entryPoints;

    @Autowired
    Queues queues;

    @Autowired
    BusinessCalendars calendars;

    static BotTurn turn(Language language, String text, int unhelpful) {
        return new BotTurn(UUID.randomUUID(), "web-sohbet", language, text, unhelpful);
    }

    static List<String> slugs(BotDecision decision) {
        assertThat(decision).isInstanceOf(BotDecision.Suggest.class);
        return ((BotDecision.Suggest) decision).articles().stream().map(SearchHit::slug).toList();
    }

    @Test
    void aBillingQuestionGetsTheHelpCentresArticleAndAskingForAMoneyRefundGoesToAPerson() {
        assertThat(slugs(bot.onMessage(turn(Language.TR, "Faturamı nasıl öderim?", 0)))).containsExactly("faturami-nasil-oderim");
        assertThat(slugs(bot.onMessage(turn(Language.TR, "kapıda ödeme var mı", 0)))).first().isEqualTo("kapida-odeme");
        assertThat(slugs(bot.onMessage(turn(Language.TR, "para iadem ne zaman yatar", 0)))).first().isEqualTo("para-iadesi-ne-zaman");
        assertThat(slugs(bot.onMessage(turn(Language.EN, "How do I pay my bill?", 0)))).first().isEqualTo("faturami-nasil-oderim-en");

        for (String money : List.of("Para iadesi istiyorum", "paramı geri istiyorum", "Faturama itiraz etmek istiyorum", "borcum ne kadar")) {
            assertThat(bot.onMessage(turn(Language.TR, money, 0))).as(money)
                    .isEqualTo(new BotDecision.HandOver(HandOverReason.PERSON_TOPIC, "Para iadesi ve ödeme itirazları", true));
        }
        assertThat(bot.onMessage(turn(Language.EN, "I want a refund", 0)))
                .isEqualTo(new BotDecision.HandOver(HandOverReason.PERSON_TOPIC, "Para iadesi ve ödeme itirazları", true));
    }

    @Test
    void aSecondArticleIsShownOnlyWhenItIsAsGoodAMatch() {
        List<String> two = slugs(bot.onMessage(turn(Language.TR, "Faturamı nasıl ödeyebilirim?", 0)));
        assertThat(two).hasSize(2).first().isEqualTo("faturami-nasil-oderim");
        assertThat(slugs(bot.onMessage(turn(Language.TR, "şifremi unuttum", 0)))).containsExactly("sifremi-unuttum");
    }

    @Test
    void articlesInTheCustomersLanguageComeFirstAndAnyLanguageWhenThereAreNone() {
        assertThat(slugs(bot.onMessage(turn(Language.AZ, "Hesab-fakturamı necə ödəyə bilərəm?", 0))))
                .containsExactly("faturami-nasil-oderim-az");
        // No Azerbaijani article about instalments: the Turkish one rather than nothing.
        assertThat(slugs(bot.onMessage(turn(Language.AZ, "taksit seçenekleri", 0)))).containsExactly("taksitli-odeme");
    }

    @Test
    void aQuestionWithNoArticleAsksAgainOnceThenHandsOver() {
        assertThat(bot.onMessage(turn(Language.TR, "xyzzy plugh qwerty", 0))).isEqualTo(new BotDecision.Suggest(List.of()));
        assertThat(bot.onMessage(turn(Language.TR, "xyzzy plugh qwerty", 1)))
                .isEqualTo(new BotDecision.HandOver(HandOverReason.UNHELPFUL, "2"));
        assertThat(bot.onMessage(turn(Language.TR, "merhaba", 1))).isEqualTo(new BotDecision.Ask());
        assertThat(bot.onMessage(turn(Language.TR, "temsilci lütfen", 0)))
                .isEqualTo(new BotDecision.HandOver(HandOverReason.ASKED_FOR_PERSON, "temsilci"));
    }

    @Test
    void theCustomersAnswerIsAVoteOnTheArticlesShownAndASecondNoHandsOver() {
        String topic = "zumrutkupon" + Long.toString(System.nanoTime(), 36);
        Article article = knowledge.create(ArticleDraft.of(topic + " nasıl kullanılır?",
                "Kuponu sepette " + topic + " alanına yazın; indirim hemen düşer.", Language.TR));
        BotDecision suggested = bot.onMessage(turn(Language.TR, topic + " nasıl kullanırım", 0));
        assertThat(slugs(suggested)).containsExactly(article.slug());
        List<UUID> shown = ((BotDecision.Suggest) suggested).articles().stream().map(SearchHit::id).toList();

        BotTurn answer = new BotTurn(UUID.randomUUID(), "web-sohbet", Language.TR, null, 0, shown);
        assertThat(bot.onAnswered(answer, true)).isEqualTo(new BotDecision.Answered());
        assertThat(knowledge.article(article.id()).helpfulVotes()).isEqualTo(1);

        assertThat(bot.onAnswered(answer, false)).isEqualTo(new BotDecision.Suggest(List.of()));
        BotTurn again = new BotTurn(UUID.randomUUID(), "web-sohbet", Language.TR, null, 1, shown);
        assertThat(bot.onAnswered(again, false)).isEqualTo(new BotDecision.HandOver(HandOverReason.UNHELPFUL, "2"));
        assertThat(knowledge.article(article.id()).unhelpfulVotes()).isEqualTo(2);
    }

    @Test
    void aRuleMarkedAPersonAnswersHandsOverOnlyWhenItIsTheRuleRoutingWouldPick() {
        String address = "sohbet-" + Long.toString(System.nanoTime(), 36);
        UUID genel = queues.findByName("Genel").orElseThrow().id();
        entryPoints.create(address, ChannelType.CHAT, genel, "Test sohbet", null, null);
        String word = "kripto" + Long.toString(System.nanoTime(), 36);
        RoutingRule marked = rules.create(new RoutingRules.Draft(2, "Kripto ödemeleri", true,
                new RuleConditions(List.of(address), List.of("chat"), null, List.of(word), null, null), genel, List.of(), null, true));
        RoutingRule earlier = null;
        try {
            assertThat(marked.personAnswers()).isTrue();
            BotTurn asked = new BotTurn(UUID.randomUUID(), address, Language.TR, word.toUpperCase() + "LA ödeme yapabilir miyim?", 0);
            assertThat(bot.onMessage(asked)).isEqualTo(new BotDecision.HandOver(HandOverReason.PERSON_TOPIC, "Kripto ödemeleri"));
            // The same words at another entry point: the rule does not hold there.
            assertThat(bot.onMessage(new BotTurn(UUID.randomUUID(), "web-sohbet", Language.TR, asked.text(), 0)))
                    .isNotInstanceOf(BotDecision.HandOver.class);

            // An unmarked rule before it takes the message: routing would pick that one, so the bot answers.
            earlier = rules.create(new RoutingRules.Draft(1, "Kripto bilgi", true,
                    new RuleConditions(List.of(address), null, null, List.of(word), null, null), genel, List.of(), null));
            assertThat(bot.onMessage(asked)).isNotInstanceOf(BotDecision.HandOver.class);
            rules.delete(earlier.id());
            earlier = null;

            // Unmarked, it is an ordinary rule; a change that does not name the flag keeps it.
            RoutingRule cleared = rules.update(marked.id(), new RoutingRules.Draft(2, marked.name(), true, marked.conditions(), genel,
                    List.of(), null, false));
            assertThat(cleared.personAnswers()).isFalse();
            assertThat(bot.onMessage(asked)).isNotInstanceOf(BotDecision.HandOver.class);
            RoutingRule marksAgain = rules.update(marked.id(), new RoutingRules.Draft(2, marked.name(), true, marked.conditions(), genel,
                    List.of(), null, true));
            assertThat(rules.update(marked.id(), new RoutingRules.Draft(2, "Kripto ödemeleri", true, marksAgain.conditions(), genel,
                    List.of(), null)).personAnswers()).isTrue();
        } finally {
            if (earlier != null) {
                rules.delete(earlier.id());
            }
            rules.delete(marked.id());
        }
    }

    @Test
    void agentsHoursAreTheEntryPointQueuesBusinessHours() {
        // The demo's site chat is staffed around the clock.
        assertThat(hours.closedUntil("web-sohbet", at(2026, 12, 6, 3, 0))).isEmpty();
        // A chat on the demo's Genel queue → İstanbul mesai (Mon–Fri 09–18, Sat 10–14), with Turkish holidays.
        String office = entryPoints.create("mesai-" + Long.toString(System.nanoTime(), 36), ChannelType.CHAT,
                queues.findByName("Genel").orElseThrow().id(), "Mesai sohbeti", null, null).address();
        Instant mondayMorning = at(2026, 12, 7, 10, 30);
        assertThat(hours.closedUntil(office, mondayMorning)).isEmpty();
        assertThat(hours.closedUntil(office, at(2026, 12, 7, 18, 30))).contains(at(2026, 12, 8, 9, 0));
        assertThat(hours.closedUntil(office, at(2026, 12, 5, 15, 0))).contains(at(2026, 12, 7, 9, 0));
        assertThat(hours.closedUntil(office, at(2026, 12, 6, 12, 0))).contains(at(2026, 12, 7, 9, 0));
        // Thursday 29 October 2026 is Republic Day: closed all day, open again on Friday morning.
        assertThat(hours.closedUntil(office, at(2026, 10, 29, 11, 0))).contains(at(2026, 10, 30, 9, 0));
        assertThat(hours.closedUntil(office, at(2026, 10, 30, 9, 0))).isEmpty();

        // A queue without hours is always open; an address that is no entry point asks no one.
        Queue open = queues.create("Nöbet " + System.nanoTime(), "always open", null);
        EntryPoint nightChat = entryPoints.create("gece-" + Long.toString(System.nanoTime(), 36), ChannelType.CHAT, open.id(), "Gece", null,
                null);
        assertThat(hours.closedUntil(nightChat.address(), at(2026, 12, 6, 3, 0))).isEmpty();
        assertThat(hours.closedUntil("no-such-chat", at(2026, 12, 6, 3, 0))).isEmpty();

        // A calendar of the test's own with a holiday of its own.
        Map<DayOfWeek, List<List<String>>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, List.of(List.of("08:00", "20:00")));
        }
        BusinessHours calendar = calendars.create(new BusinessCalendars.Draft("Bakü " + System.nanoTime(), "Asia/Baku", days,
                List.of(new BusinessCalendars.Holiday(LocalDate.of(2026, 12, 31), "Dünya Azərbaycanlılarının Həmrəylik Günü"))));
        Queue baku = queues.create("Bakı " + System.nanoTime(), "Baku", calendar.id());
        EntryPoint bakuChat = entryPoints.create("baki-" + Long.toString(System.nanoTime(), 36), ChannelType.CHAT, baku.id(), "Bakı",
                null, null);
        ZoneId bakuZone = ZoneId.of("Asia/Baku");
        assertThat(hours.closedUntil(bakuChat.address(), LocalDateTime.of(2026, 12, 30, 19, 0).atZone(bakuZone).toInstant())).isEmpty();
        assertThat(hours.closedUntil(bakuChat.address(), LocalDateTime.of(2026, 12, 31, 12, 0).atZone(bakuZone).toInstant()))
                .contains(LocalDateTime.of(2027, 1, 1, 8, 0).atZone(bakuZone).toInstant());
    }

    static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(ISTANBUL).toInstant();
    }
}
