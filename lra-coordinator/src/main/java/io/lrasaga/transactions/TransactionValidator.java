package io.lrasaga.transactions;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.inject.Singleton;

/**
 * Checks a transaction request completely before anything runs, and reports every problem at
 * once with its path ({@code steps[2].where.stock}). The structure, tags, types, options and
 * call targets are checked here; each data operation is then checked by the service that would
 * run it ({@code POST /lra-saga/data/{entity}/validation}), against the entity's real fields,
 * so the rules live in one place.
 */
@Singleton
public class TransactionValidator {

    static final int MAX_STEPS = 100;
    static final long MAX_TIMEOUT = 600_000;
    static final int MAX_RETRIES = 10;
    private static final Set<String> TOP = Set.of("steps", "options");
    private static final Set<String> DATA_STEP = Set.of("operation", "from", "where", "data");
    private static final Set<String> FROM = Set.of("type", "tag", "entity");
    private static final Set<String> CALL = Set.of("tag", "method", "path", "body");
    private static final Set<String> OPTIONS = Set.of("timeout", "retryOnFailure", "maxRetries", "compensateOnTimeout");
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> STORE_TYPES = Set.of("database", "document");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*(\\?[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?");
    private static final Pattern ENTITY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(5);

    private final TransactionsConfig config;
    private final ServiceCalls calls;

    TransactionValidator(TransactionsConfig config, ServiceCalls calls) {
        this.config = config;
        this.calls = calls;
    }

    public TransactionPlan plan(JsonNode request) {
        List<TransactionProblem.FieldError> errors = new ArrayList<>();
        if (request == null || !request.isObject()) {
            throw TransactionProblem.validation(List.of(new TransactionProblem.FieldError("body",
                    "must be a JSON object with steps and options")));
        }
        unknownMembers(request, TOP, "", errors);
        TransactionPlan.Options options = options(request.get("options"), errors);
        List<TransactionPlan.Step> steps = new ArrayList<>();
        JsonNode stepsNode = request.get("steps");
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            errors.add(new TransactionProblem.FieldError("steps", "must be a non-empty array of steps"));
        } else if (stepsNode.size() > MAX_STEPS) {
            errors.add(new TransactionProblem.FieldError("steps", "at most " + MAX_STEPS + " steps"));
        } else {
            for (int i = 0; i < stepsNode.size(); i++) {
                TransactionPlan.Step step = step(i, stepsNode.get(i), errors);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        // Only well-formed data steps are worth asking their service about.
        for (TransactionPlan.Step step : steps) {
            if (step instanceof TransactionPlan.DataStep data) {
                validateRemotely(data, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw TransactionProblem.validation(errors);
        }
        return new TransactionPlan(steps, options);
    }

    private TransactionPlan.Step step(int index, JsonNode node, List<TransactionProblem.FieldError> errors) {
        String path = "steps[" + index + "]";
        if (node == null || !node.isObject()) {
            errors.add(new TransactionProblem.FieldError(path, "must be an object: a data operation or a call"));
            return null;
        }
        boolean isCall = node.has("call");
        boolean isData = node.has("operation") || node.has("from");
        if (isCall && isData) {
            errors.add(new TransactionProblem.FieldError(path, "either a data operation (operation, from) or a call, not both"));
            return null;
        }
        if (isCall) {
            unknownMembers(node, Set.of("call"), path + ".", errors);
            return call(index, path + ".call", node.get("call"), errors);
        }
        if (!isData) {
            errors.add(new TransactionProblem.FieldError(path, "needs operation and from (a data operation) or call"));
            return null;
        }
        unknownMembers(node, DATA_STEP, path + ".", errors);
        int before = errors.size();
        JsonNode from = node.get("from");
        if (from == null || !from.isObject()) {
            errors.add(new TransactionProblem.FieldError(path + ".from", "must be an object with type, tag and entity"));
            return null;
        }
        unknownMembers(from, FROM, path + ".from.", errors);
        String type = text(from, "type", path + ".from", errors);
        String tag = text(from, "tag", path + ".from", errors);
        String entity = text(from, "entity", path + ".from", errors);
        if (type != null && !STORE_TYPES.contains(type)) {
            errors.add(new TransactionProblem.FieldError(path + ".from.type", "must be database or document"));
        }
        TransactionsConfig.Tag configured = tag == null ? null : tag(tag, path + ".from.tag", errors);
        if (configured != null && type != null && STORE_TYPES.contains(type) && !configured.type().equals(type)) {
            errors.add(new TransactionProblem.FieldError(path + ".from.type", "tag " + tag + " is a "
                    + configured.type() + ", not a " + type));
        }
        if (entity != null && !ENTITY.matcher(entity).matches()) {
            errors.add(new TransactionProblem.FieldError(path + ".from.entity", "must be an entity name (letters, digits, _)"));
        }
        if (errors.size() > before) {
            return null;
        }
        ObjectNode operation = ((ObjectNode) node).deepCopy();
        operation.remove("from");
        return new TransactionPlan.DataStep(index, tag, URI.create(trimmed(configured.url())), entity, operation);
    }

    private TransactionPlan.Step call(int index, String path, JsonNode call, List<TransactionProblem.FieldError> errors) {
        if (call == null || !call.isObject()) {
            errors.add(new TransactionProblem.FieldError(path, "must be an object with tag, method, path and body"));
            return null;
        }
        int before = errors.size();
        unknownMembers(call, CALL, path + ".", errors);
        String tag = text(call, "tag", path, errors);
        String method = text(call, "method", path, errors);
        String target = text(call, "path", path, errors);
        TransactionsConfig.Tag configured = tag == null ? null : tag(tag, path + ".tag", errors);
        if (method != null && !METHODS.contains(method)) {
            errors.add(new TransactionProblem.FieldError(path + ".method", "must be POST, PUT, PATCH or DELETE"));
        }
        if (target != null && (!PATH.matcher(target).matches() || target.contains("..") || target.startsWith("//"))) {
            errors.add(new TransactionProblem.FieldError(path + ".path", "must be an absolute path on the service, such as /reservations"));
        } else if (target != null && (target.startsWith("/lra-saga/") || target.startsWith("/q/"))) {
            errors.add(new TransactionProblem.FieldError(path + ".path",
                    "the runtime's and the platform's own endpoints cannot be called; use a data operation"));
        }
        if (errors.size() > before) {
            return null;
        }
        JsonNode body = call.get("body");
        return new TransactionPlan.CallStep(index, tag, URI.create(trimmed(configured.url())), method, target,
                body == null || body.isNull() ? null : body);
    }

    private TransactionPlan.Options options(JsonNode node, List<TransactionProblem.FieldError> errors) {
        long timeout = TransactionPlan.Options.DEFAULT_TIMEOUT;
        boolean retry = false;
        int maxRetries = TransactionPlan.Options.DEFAULT_MAX_RETRIES;
        boolean compensateOnTimeout = true;
        if (node == null || node.isNull()) {
            return new TransactionPlan.Options(timeout, retry, maxRetries, compensateOnTimeout);
        }
        if (!node.isObject()) {
            errors.add(new TransactionProblem.FieldError("options", "must be an object"));
            return new TransactionPlan.Options(timeout, retry, maxRetries, compensateOnTimeout);
        }
        unknownMembers(node, OPTIONS, "options.", errors);
        if (node.has("timeout")) {
            JsonNode value = node.get("timeout");
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > MAX_TIMEOUT) {
                errors.add(new TransactionProblem.FieldError("options.timeout", "milliseconds, 1 to " + MAX_TIMEOUT));
            } else {
                timeout = value.asLong();
            }
        }
        if (node.has("maxRetries")) {
            JsonNode value = node.get("maxRetries");
            if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > MAX_RETRIES) {
                errors.add(new TransactionProblem.FieldError("options.maxRetries", "0 to " + MAX_RETRIES));
            } else {
                maxRetries = value.asInt();
            }
        }
        retry = bool(node, "retryOnFailure", retry, errors);
        compensateOnTimeout = bool(node, "compensateOnTimeout", compensateOnTimeout, errors);
        return new TransactionPlan.Options(timeout, retry, maxRetries, compensateOnTimeout);
    }

    private void validateRemotely(TransactionPlan.DataStep step, List<TransactionProblem.FieldError> errors) {
        String path = "steps[" + step.index() + "]";
        ServiceCalls.Reply reply;
        try {
            reply = calls.send("POST", URI.create(step.target() + "/validation"), Map.of(), step.operation(),
                    VALIDATION_TIMEOUT);
        } catch (ServiceCalls.CallFailed failed) {
            throw TransactionProblem.unavailable("tag " + step.tag() + ": " + failed.getMessage()
                    + "; nothing was run");
        }
        if (reply.ok()) {
            return;
        }
        if (reply.status() == 404) {
            errors.add(new TransactionProblem.FieldError(path + ".from.entity", "tag " + step.tag()
                    + " exposes no entity " + step.entity()));
        } else if (reply.status() == 400 && reply.body().path("errors").isArray()) {
            for (JsonNode error : reply.body().path("errors")) {
                errors.add(new TransactionProblem.FieldError(path + "." + error.path("field").asText(),
                        error.path("message").asText()));
            }
        } else if (reply.status() >= 400 && reply.status() < 500) {
            errors.add(new TransactionProblem.FieldError(path, reply.body().path("detail").asText(reply.text())));
        } else {
            throw TransactionProblem.unavailable("tag " + step.tag() + " answered " + reply.status()
                    + " when asked to check " + path + "; nothing was run");
        }
    }

    private TransactionsConfig.Tag tag(String tag, String path, List<TransactionProblem.FieldError> errors) {
        TransactionsConfig.Tag configured = config.tags().get(tag);
        if (configured == null) {
            errors.add(new TransactionProblem.FieldError(path, "unknown tag " + tag + " (known: "
                    + String.join(", ", config.tags().keySet().stream().sorted().toList()) + ")"));
        }
        return configured;
    }

    private static String text(JsonNode node, String name, String path, List<TransactionProblem.FieldError> errors) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            errors.add(new TransactionProblem.FieldError(path + "." + name, "must be a non-empty string"));
            return null;
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String name, boolean fallback, List<TransactionProblem.FieldError> errors) {
        if (!node.has(name)) {
            return fallback;
        }
        if (!node.get(name).isBoolean()) {
            errors.add(new TransactionProblem.FieldError("options." + name, "must be true or false"));
            return fallback;
        }
        return node.get(name).asBoolean();
    }

    private static void unknownMembers(JsonNode node, Set<String> allowed, String prefix,
            List<TransactionProblem.FieldError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new TransactionProblem.FieldError(prefix + name, "unknown property"));
            }
        }
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
