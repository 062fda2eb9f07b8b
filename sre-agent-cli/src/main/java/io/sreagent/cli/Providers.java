package io.sreagent.cli;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.sreagent.workflow.LlmMode;
import io.sreagent.workflow.WorkflowConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The model providers of the command line, all spoken through langchain4j's OpenAI client (one dependency):
 * <ul>
 *   <li>{@code openai}: {@code OPENAI_API_KEY}, {@code --model} (default {@value #OPENAI_DEFAULT_MODEL}),
 *       {@code --openai-base-url} for any OpenAI-compatible server (vLLM, LM Studio, llama.cpp);</li>
 *   <li>{@code azure-openai}: {@code AZURE_OPENAI_ENDPOINT}, {@code AZURE_OPENAI_API_KEY}, the deployment from
 *       {@code --model} or {@code AZURE_OPENAI_DEPLOYMENT}, over Azure's OpenAI-compatible {@code /openai/v1} API;</li>
 *   <li>{@code ollama}: {@code --openai-base-url} (default {@value #OLLAMA_DEFAULT_URL}, or {@code OLLAMA_HOST}),
 *       {@code --model} required, small-model mode on.</li>
 * </ul>
 * Without {@code --llm} the provider follows the variables that are set (OpenAI, then Azure), else none.
 */
final class Providers {

    static final String OPENAI_DEFAULT_MODEL = "gpt-4o-mini";
    static final String OLLAMA_DEFAULT_URL = "http://localhost:11434/v1";

    /** A provider as chosen, able to build a model by name. */
    record Choice(String provider, String defaultModel, String baseUrl, boolean small,
                  Function<String, ChatModel> factory) {
        String describe() {
            return provider + " " + defaultModel + " at " + baseUrl;
        }
    }

    private Providers() {
    }

    /**
     * The provider {@code llm} names ({@code null}: chosen by the environment), or empty for the deterministic
     * agents.
     *
     * @throws UsageException for an unknown provider or a missing variable, naming what to set
     */
    static Optional<Choice> choose(String llm, String model, String baseUrl, Duration timeout,
                                   Function<String, String> env) {
        String p = llm == null ? detect(env) : llm.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "none" -> Optional.empty();
            case "openai" -> {
                String key = env.apply("OPENAI_API_KEY");
                String url = baseUrl != null ? baseUrl : "https://api.openai.com/v1";
                if (blank(key) && baseUrl == null) {
                    throw new UsageException("--llm openai needs OPENAI_API_KEY (or --openai-base-url of a server "
                            + "that needs no key)");
                }
                String k = blank(key) ? "none" : key;
                yield Optional.of(new Choice("openai", blank(model) ? OPENAI_DEFAULT_MODEL : model, checkUrl(url),
                        false, m -> openAi(url, k, m, Map.of(), timeout)));
            }
            case "azure-openai", "azure" -> {
                String endpoint = env.apply("AZURE_OPENAI_ENDPOINT");
                String key = env.apply("AZURE_OPENAI_API_KEY");
                String deployment = !blank(model) ? model : env.apply("AZURE_OPENAI_DEPLOYMENT");
                if (blank(endpoint) || blank(key) || blank(deployment)) {
                    throw new UsageException("--llm azure-openai needs AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and "
                            + "a deployment (--model or AZURE_OPENAI_DEPLOYMENT)");
                }
                String url = checkUrl(endpoint.replaceAll("/+$", "") + "/openai/v1");
                yield Optional.of(new Choice("azure-openai", deployment, url, false,
                        m -> openAi(url, key, m, Map.of("api-key", key), timeout)));
            }
            case "ollama" -> {
                if (blank(model)) {
                    throw new UsageException("--llm ollama needs --model (a model you pulled, e.g. llama3.2)");
                }
                String host = env.apply("OLLAMA_HOST");
                String url = baseUrl != null ? baseUrl : !blank(host) ? host.replaceAll("/+$", "") + "/v1" : OLLAMA_DEFAULT_URL;
                yield Optional.of(new Choice("ollama", model, checkUrl(url), true,
                        m -> openAi(url, "ollama", m, Map.of(), timeout)));
            }
            default -> throw new UsageException("--llm must be none, openai, azure-openai or ollama, was '" + llm + "'");
        };
    }

    /** The workflow's model mode: the chosen model for every model agent, or the configuration's per agent. */
    static LlmMode mode(Choice c, WorkflowConfig config, boolean small, long tokenBudget) {
        LlmMode.Builder b = LlmMode.builder(c.factory().apply(c.defaultModel())).small(small || c.small());
        for (String agent : LlmMode.MODEL_AGENTS) {
            config.model(agent).ifPresent(m -> b.model(agent, c.factory().apply(m)));
        }
        LlmMode built = b.build();
        return tokenBudget > 0 ? b.limits(built.limits().withRunTokenBudget(tokenBudget)).build() : built;
    }

    private static String detect(Function<String, String> env) {
        if (!blank(env.apply("OPENAI_API_KEY"))) {
            return "openai";
        }
        if (!blank(env.apply("AZURE_OPENAI_ENDPOINT")) && !blank(env.apply("AZURE_OPENAI_API_KEY"))) {
            return "azure-openai";
        }
        return "none";
    }

    private static ChatModel openAi(String url, String key, String model, Map<String, String> headers, Duration timeout) {
        return OpenAiChatModel.builder().baseUrl(url).apiKey(key).modelName(model).customHeaders(headers)
                .timeout(timeout).maxRetries(1).build();
    }

    private static String checkUrl(String url) {
        try {
            URI u = URI.create(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new UsageException("the model server URL must be an http(s) URL with a host");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
