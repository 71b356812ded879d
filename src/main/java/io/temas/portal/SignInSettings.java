package io.temas.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The customer's sign-in to their own page of the help centre, with a one-time code.
 *
 * @param codeLifetime      how long a code may be typed in after it was asked for
 * @param attemptsPerCode   wrong guesses one code takes before it is dead
 * @param codesPerAddress   codes one e-mail address or phone number may be sent per {@code addressWindow}
 * @param guessesPerAddress wrong codes typed for one address (over all its codes) per {@code addressWindow}
 * @param addressWindow     see {@code codesPerAddress} and {@code guessesPerAddress}
 * @param requestsPerClient codes one client address may ask for (whatever the address typed) per {@code clientWindow}
 * @param guessesPerClient  codes one client address may type in (right or wrong) per {@code clientWindow}
 * @param clientWindow      see {@code requestsPerClient} and {@code guessesPerClient}
 * @param sessionIdle       a signed-in customer who does nothing for this long is signed out
 * @param sessionLifetime   and anyone is signed out this long after signing in
 * @param emailFrom         the address codes are mailed from (unset: the contact entry point's queue's mailbox)
 * @param smsFrom           the number codes are texted from (unset: the contact entry point's queue's number)
 */
@ConfigurationProperties("temas.portal.sign-in")
record SignInSettings(@DefaultValue("10m") Duration codeLifetime,
                      @DefaultValue("5") int attemptsPerCode,
                      @DefaultValue("5") int codesPerAddress,
                      @DefaultValue("10") int guessesPerAddress,
                      @DefaultValue("1h") Duration addressWindow,
                      @DefaultValue("10") int requestsPerClient,
                      @DefaultValue("30") int guessesPerClient,
                      @DefaultValue("10m") Duration clientWindow,
                      @DefaultValue("30m") Duration sessionIdle,
                      @DefaultValue("12h") Duration sessionLifetime,
                      String emailFrom,
                      String smsFrom) {

    SignInSettings {
        if (attemptsPerCode < 1 || codesPerAddress < 1 || guessesPerAddress < 1 || requestsPerClient < 1 || guessesPerClient < 1) {
            throw new IllegalStateException("temas.portal.sign-in limits are at least 1");
        }
        if (codeLifetime.isNegative() || codeLifetime.isZero() || sessionIdle.isNegative() || sessionIdle.isZero()) {
            throw new IllegalStateException("temas.portal.sign-in.code-lifetime and .session-idle are positive durations");
        }
    }
}
