package io.sreagent.core.llm;

/** Token estimates for budgets, where the model reports none: four characters a token, rounded up. */
final class Tokens {

    static final int CHARS_PER_TOKEN = 4;

    private Tokens() {
    }

    static long estimate(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
