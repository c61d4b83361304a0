package dev.overlord.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.overlord.protocol.FrameEnvelope;
import dev.overlord.protocol.LogText;
import dev.overlord.protocol.PluginFrame;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The alert rules of {@code overlord.alerts.rules} and the webhooks of
 * {@code overlord.alerts.http-webhooks}, read and checked once at start-up (any mistake fails the
 * start with the rule's name), then evaluated against every frame. Rules are indexed by frame type,
 * so a frame costs a map lookup unless a rule looks at its type. Evaluation has no memory: the
 * character's entity applies each rule's cooldown.
 */
public final class AlertRules implements FrameRules {

    /** The most rules a configuration may hold. */
    public static final int MAX_RULES = 200;
    /** The most http webhooks a configuration may hold. */
    public static final int MAX_HTTP_WEBHOOKS = 50;
    /** Characters of one field value carried into an alert's fields and templates. */
    public static final int MAX_FIELD_VALUE = 1_024;

    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(5);
    public static final String DEFAULT_SEVERITY = Alert.WARNING;

    /** Names every rule offers its templates besides the frame's fields. */
    public static final String RULE_NAME = "rule_name";

    private static final Pattern RULE_NAMES = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern FRAME_TYPES = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> SEVERITIES = Set.of(Alert.INFO, Alert.WARNING, Alert.CRITICAL);
    private static final Set<String> RULE_KEYS =
            Set.of("name", "frame", "when", "message", "title", "severity", "target", "cooldown");
    private static final Set<String> WEBHOOK_KEYS = Set.of("url", "template");

    /** A rule that matched a frame, its templates rendered. */
    public record Match(AlertRule rule, Map<String, String> fields, String title, String message) {
        public Match {
            fields = Map.copyOf(fields);
        }
    }

    private final List<AlertRule> rules;
    private final Map<String, List<AlertRule>> byFrame;
    private final Map<String, HttpWebhook> httpWebhooks;

    public AlertRules(List<AlertRule> rules, Map<String, HttpWebhook> httpWebhooks) {
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException(
                    "overlord.alerts.rules has " + rules.size() + " rules, at most " + MAX_RULES);
        }
        Set<String> names = new HashSet<>();
        for (AlertRule r : rules) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("overlord.alerts.rules: two rules are named '" + r.name() + "'");
            }
        }
        this.rules = List.copyOf(rules);
        Map<String, List<AlertRule>> index = new HashMap<>();
        for (AlertRule r : rules)
            index.computeIfAbsent(r.frame(), k -> new ArrayList<>()).add(r);
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byFrame = Map.copyOf(index);
        this.httpWebhooks = Map.copyOf(httpWebhooks);
    }

    /** No rules, no webhooks. */
    public static AlertRules none() {
        return new AlertRules(List.of(), Map.of());
    }

    /**
     * Reads {@code overlord.alerts.rules} and {@code overlord.alerts.http-webhooks} from the root
     * configuration (both optional).
     *
     * @throws IllegalArgumentException naming the rule or webhook and what is wrong with it
     */
    public static AlertRules from(Config root) {
        Map<String, HttpWebhook> webhooks = root.hasPath("overlord.alerts.http-webhooks")
                ? webhooks(root.getObject("overlord.alerts.http-webhooks"))
                : Map.of();
        List<AlertRule> rules = new ArrayList<>();
        if (root.hasPath("overlord.alerts.rules")) {
            List<? extends ConfigObject> list;
            try {
                list = root.getObjectList("overlord.alerts.rules");
            } catch (ConfigException.WrongType e) {
                throw new IllegalArgumentException(
                        "overlord.alerts.rules must be a list of objects: " + e.getMessage());
            }
            if (list.size() > MAX_RULES) {
                throw new IllegalArgumentException(
                        "overlord.alerts.rules has " + list.size() + " rules, at most " + MAX_RULES);
            }
            for (int i = 0; i < list.size(); i++) rules.add(rule(i, list.get(i).toConfig(), webhooks.keySet()));
        }
        return new AlertRules(rules, webhooks);
    }

    public List<AlertRule> rules() {
        return rules;
    }

    public Map<String, HttpWebhook> httpWebhooks() {
        return httpWebhooks;
    }

    /** The frame types some rule looks at. */
    public Set<String> frameTypes() {
        return byFrame.keySet();
    }

    /** The rules {@code frame} matches, as the character entity takes them (one target each). */
    @Override
    public List<Matched> evaluate(PluginFrame frame) {
        List<Match> matches = matches(frame);
        if (matches.isEmpty()) return List.of();
        List<Matched> out = new ArrayList<>(matches.size());
        for (Match m : matches) {
            AlertRule r = m.rule();
            out.add(new Matched(
                    r.name(), r.severity(), m.title(), m.message(), m.fields(), List.of(r.target()), r.cooldown()));
        }
        return out;
    }

    /** The rules that match {@code frame}, their templates rendered; never throws. */
    public List<Match> matches(PluginFrame frame) {
        FrameEnvelope envelope = frame.envelope();
        List<AlertRule> candidates = byFrame.get(envelope.type());
        if (candidates == null) return List.of();
        List<Match> matches = new ArrayList<>(1);
        for (AlertRule rule : candidates) {
            if (!rule.when().test(envelope.json())) continue;
            Map<String, String> fields = fields(rule, envelope);
            matches.add(new Match(
                    rule, fields, rule.title().render(fields), rule.message().render(fields)));
        }
        return matches;
    }

    /** The values a rule's condition and templates name, and the rule's and frame's names. */
    private static Map<String, String> fields(AlertRule rule, FrameEnvelope envelope) {
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode json = envelope.json();
        for (String name : rule.names()) {
            String v = FieldPath.text(FieldPath.find(json, name));
            if (v != null) fields.put(name, v.length() > MAX_FIELD_VALUE ? v.substring(0, MAX_FIELD_VALUE) : v);
        }
        fields.putIfAbsent(RULE_NAME, rule.name());
        fields.putIfAbsent("type", envelope.type());
        if (envelope.characterName() != null) fields.putIfAbsent("character_name", envelope.characterName());
        if (envelope.timestamp() != null)
            fields.putIfAbsent("timestamp", envelope.timestamp().toString());
        return fields;
    }

    private static AlertRule rule(int index, Config c, Set<String> webhooks) {
        String where = "overlord.alerts.rules[" + index + "]";
        String name = c.hasPath("name") ? string(c, "name") : null;
        if (name == null || !RULE_NAMES.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": a rule needs a name of letters, digits, '_', '.' or '-'"
                    + " (at most 64), got " + (name == null ? "none" : "'" + LogText.escape(name) + "'"));
        }
        where = where + " (" + name + ")";
        try {
            for (String key : c.root().keySet()) {
                if (!RULE_KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown setting '" + LogText.escape(key) + "' (known: "
                            + String.join(", ", RULE_KEYS.stream().sorted().toList()) + ")");
                }
            }
            String frame = required(c, "frame");
            if (!FRAME_TYPES.matcher(frame).matches()) throw new IllegalArgumentException("frame: not a frame type");
            String whenSource = c.hasPath("when") ? string(c, "when") : "";
            Condition when = parse("when", () -> Condition.parse(whenSource));
            Template message = parse("message", () -> Template.parse(required(c, "message")));
            Template title = parse(
                    "title",
                    () -> Template.parse(c.hasPath("title") ? string(c, "title") : name, "", AlertRule.MAX_TITLE));
            String severity = c.hasPath("severity") ? string(c, "severity").toLowerCase(Locale.ROOT) : DEFAULT_SEVERITY;
            if (!SEVERITIES.contains(severity)) {
                throw new IllegalArgumentException(
                        "severity: info, warning or critical, not '" + LogText.escape(severity) + "'");
            }
            String target = parse("target", () -> TargetNames.validate(required(c, "target"), webhooks));
            Duration cooldown = c.hasPath("cooldown") ? c.getDuration("cooldown") : DEFAULT_COOLDOWN;
            if (cooldown.isNegative()) throw new IllegalArgumentException("cooldown: must not be negative");
            return new AlertRule(name, frame, when, whenSource, title, message, severity, target, cooldown);
        } catch (IllegalArgumentException | ConfigException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, HttpWebhook> webhooks(ConfigObject section) {
        if (section.size() > MAX_HTTP_WEBHOOKS) {
            throw new IllegalArgumentException(
                    "overlord.alerts.http-webhooks has " + section.size() + " webhooks, at most " + MAX_HTTP_WEBHOOKS);
        }
        Map<String, HttpWebhook> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : section.entrySet()) {
            String name = e.getKey();
            String where = "overlord.alerts.http-webhooks." + LogText.escape(name);
            if (!RULE_NAMES.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": a webhook's name is letters, digits, '_', '.' or '-'");
            }
            if (e.getValue().valueType() != ConfigValueType.OBJECT) {
                throw new IllegalArgumentException(where + ": expected { url = ..., template = ... }");
            }
            Config c = ((ConfigObject) e.getValue()).toConfig();
            try {
                for (String key : c.root().keySet()) {
                    if (!WEBHOOK_KEYS.contains(key)) {
                        throw new IllegalArgumentException(
                                "unknown setting '" + LogText.escape(key) + "' (known: template, url)");
                    }
                }
                URI url = url(required(c, "url"));
                Template template = parse(
                        "template",
                        () -> Template.parseJson(
                                c.hasPath("template") ? string(c, "template") : HttpWebhook.DEFAULT_TEMPLATE));
                out.put(name, new HttpWebhook(name, url, template));
            } catch (IllegalArgumentException | ConfigException ex) {
                throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    /** An http(s) URL with a host; the message never repeats it (it may carry a token). */
    private static URI url(String text) {
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException("url: needs an http(s) URL with a host");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: does not parse as a URL");
        }
    }

    private interface Parse<T> {
        T get();
    }

    /** Prefixes a parse error with the setting it came from. */
    private static <T> T parse(String setting, Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith(setting) ? m : setting + ": " + m, e);
        }
    }

    private static String required(Config c, String key) {
        if (!c.hasPath(key)) throw new IllegalArgumentException(key + ": missing");
        String v = string(c, key);
        if (v.isBlank()) throw new IllegalArgumentException(key + ": empty");
        return v;
    }

    private static String string(Config c, String key) {
        try {
            return c.getString(key);
        } catch (ConfigException.WrongType e) {
            throw new IllegalArgumentException(key + ": expected text");
        }
    }
}
