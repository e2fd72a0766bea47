/* Self-check quizzes of the theme pages (handbook.site.quiz).
 *
 * When a choice is checked, its question's live region (aria-live="polite")
 * says whether it is right and shows that choice's explanation. The labels
 * come from the quiz's data- attributes (French text lives in quiz.py).
 * Nothing is stored and nothing is sent: the answers stay in the page.
 */
"use strict";

(() => {
  const answer = (quiz, input) => {
    const question = input.closest(".handbook-quiz-question");
    const feedback = question && question.querySelector(".handbook-quiz-feedback");
    if (!feedback) return;
    const right = input.value === question.dataset.answer;
    const verdict = document.createElement("strong");
    verdict.textContent = right ? quiz.dataset.right : quiz.dataset.wrong;
    const text = document.createElement("p");
    text.append(verdict, " ", input.dataset.explanation || "");
    feedback.replaceChildren(text);
    question.classList.toggle("is-right", right);
    question.classList.toggle("is-wrong", !right);
  };

  const setUp = (quiz) => {
    const intro = quiz.querySelector(".handbook-quiz-intro");
    if (intro && quiz.dataset.intro) intro.textContent = quiz.dataset.intro;
    quiz.addEventListener("change", (event) => {
      const input = event.target;
      if (input instanceof HTMLInputElement && input.type === "radio") answer(quiz, input);
    });
  };

  const start = () => document.querySelectorAll(".handbook-quiz").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
