package io.temas.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; the form posts to Spring Security's {@code /login}. */
@Controller
class LoginController {

    /** {@code ?locked=N}: the sign-in throttle asks the visitor to wait N minutes (a number only, whatever the link says). */
    @GetMapping("/login")
    String login(@RequestParam(required = false) String locked, Model model) {
        if (locked != null) {
            model.addAttribute("lockedMinutes", locked.matches("[0-9]{1,4}") ? Math.max(1, Integer.parseInt(locked)) : 15);
        }
        return "login";
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }
}
