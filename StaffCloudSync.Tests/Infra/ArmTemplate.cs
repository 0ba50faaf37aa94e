using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// A compiled ARM template (what <c>bicep build</c> writes) and its modules, which compile to nested deployments
/// with their own template inside. Enough of ARM's expression language to follow a value from a module parameter
/// back to what main.bicep passed; no more.
/// </summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonObject root, ArmTemplate? parent, JsonObject? deployment)
    {
        Root = root;
        Parent = parent;
        Deployment = deployment;
        Resources = ResourceNodes(root).Select(r => new ArmResource(r, this)).ToList();
    }

    public JsonObject Root { get; }

    /// <summary>The template that deploys this one as a module; null for main.</summary>
    public ArmTemplate? Parent { get; }

    /// <summary>The <c>Microsoft.Resources/deployments</c> resource of this module in its parent.</summary>
    public JsonObject? Deployment { get; }

    /// <summary>The module's deployment name (e.g. <c>rbac</c>); <c>main</c> for the top.</summary>
    public string ModuleName => Deployment?["name"]?.GetValue<string>() ?? "main";

    public IReadOnlyList<ArmResource> Resources { get; }

    public static ArmTemplate Parse(string json) => new(JsonNode.Parse(json)!.AsObject(), null, null);

    /// <summary>This template's modules (one level down).</summary>
    public IEnumerable<ArmTemplate> Modules =>
        Resources.Where(r => r.Type == "Microsoft.Resources/deployments")
            .Select(r => new ArmTemplate(r.Json["properties"]!["template"]!.AsObject(), this, r.Json));

    /// <summary>Every resource of this template and of all its modules, however deep.</summary>
    public IEnumerable<ArmResource> AllResources() =>
        Resources.Where(r => r.Type != "Microsoft.Resources/deployments").Concat(Modules.SelectMany(m => m.AllResources()));

    public IEnumerable<ArmResource> AllOfType(string type) => AllResources().Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The expression or value the parent passed for one of this module's parameters, as JSON text.</summary>
    public string PassedParameter(string name)
    {
        var value = Deployment?["properties"]?["parameters"]?[name]?["value"]
            ?? throw new InvalidOperationException($"Module '{ModuleName}' is given no parameter '{name}'.");
        return value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
    }

    /// <summary>
    /// A value of this template as it reads with its string variables put in (<c>variables('roleId')</c> →
    /// <c>'b7e6…'</c>), so checks can look for the literals Bicep moved into the variables section.
    /// </summary>
    public string WithVariables(string expression)
    {
        var variables = Root["variables"] as JsonObject;
        return VariableReference().Replace(expression, match =>
            variables?[match.Groups[1].Value] is JsonValue value && value.TryGetValue<string>(out var text) ? $"'{text}'" : match.Value);
    }

    /// <summary>
    /// A value with every <c>[variables('x')]</c> (also the <c>$fxv#n</c> ones <c>loadTextContent</c> makes) and every
    /// module <c>[parameters('x')]</c> replaced by what it stands for, as far as that is a literal: a module parameter
    /// is followed to what the parent passed; main's parameters and every other expression stay as they are.
    /// </summary>
    public JsonNode? Resolve(JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj:
                return new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value))));
            case JsonArray array:
                return new JsonArray(array.Select(Resolve).ToArray());
            case JsonValue scalar when scalar.TryGetValue<string>(out var text):
                if (WholeVariable().Match(text) is { Success: true } variable && Root["variables"]?[variable.Groups[1].Value] is { } declared)
                {
                    return Resolve(declared);
                }

                if (ParameterReference().Match(text) is { Success: true } parameter && Parent is not null)
                {
                    var passed = Deployment!["properties"]!["parameters"]![parameter.Groups[1].Value]?["value"]
                        ?? throw new InvalidOperationException($"Module '{ModuleName}' is given no parameter '{parameter.Groups[1].Value}'.");
                    return Parent.Resolve(passed);
                }

                return JsonValue.Create(text);
            default:
                return value?.DeepClone();
        }
    }

    /// <summary>
    /// Follows <c>[parameters('x')]</c> of a module up through the modules that pass it straight on, to main's
    /// parameter; null when some module computes it instead (a reference, a format, an output).
    /// </summary>
    public string? MainParameterBehind(string value)
    {
        var template = this;
        while (ParameterReference().Match(value) is { Success: true } match)
        {
            if (template.Parent is null)
            {
                return match.Groups[1].Value;
            }

            value = template.PassedParameter(match.Groups[1].Value);
            template = template.Parent;
        }

        return null;
    }

    private static IEnumerable<JsonObject> ResourceNodes(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        // languageVersion 2.0 keys resources by their symbolic name.
        JsonObject named => named.Select(p => p.Value!.AsObject()),
        _ => [],
    };

    [GeneratedRegex(@"variables\('([A-Za-z0-9_]+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\[variables\('([A-Za-z0-9_$#]+)'\)\]$")]
    private static partial Regex WholeVariable();

    [GeneratedRegex(@"^\[parameters\('([A-Za-z0-9_]+)'\)\]$")]
    private static partial Regex ParameterReference();
}

/// <summary>One resource of a compiled template, and the template (module) it sits in.</summary>
internal sealed partial record ArmResource(JsonObject Json, ArmTemplate Template)
{
    public string Type => Json["type"]!.GetValue<string>();

    public string Name => Json["name"]!.GetValue<string>();

    public JsonObject Properties => Json["properties"]?.AsObject() ?? [];

    /// <summary>The value at a dotted path below the resource (<c>properties.siteConfig.minTlsVersion</c>).</summary>
    public JsonNode? At(string path) => path.Split('.').Aggregate((JsonNode?)Json, (node, key) => node?[key]);

    public string? Text(string path) => At(path) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public bool? Flag(string path) => At(path) is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    /// <summary>
    /// The items a copy loop runs over (<c>copy.count</c> = <c>[length(X)]</c>, X resolved to its literal array); null
    /// when the resource is not a loop or its items are not known before deployment.
    /// </summary>
    public JsonArray? CopyItems() =>
        Json["copy"]?["count"]?.GetValue<string>() is { } count && CopyCount().Match(count) is { Success: true } match
            ? Template.Resolve(JsonValue.Create($"[{match.Groups[1].Value}]")) as JsonArray
            : null;

    /// <summary>The last quoted literal of the name: <c>[format('{0}/{1}/{2}', parameters('name'), 'default', 'Tenants')]</c> → Tenants.</summary>
    public string LastNameLiteral() =>
        Name.StartsWith('[') ? LastLiteral().Match(Name) is { Success: true } match ? match.Groups[1].Value : Name : Name.Split('/')[^1];

    public override string ToString() => $"{Type} {Name} (module {Template.ModuleName})";

    [GeneratedRegex(@"'([^']*)'\)\]$")]
    private static partial Regex LastLiteral();

    [GeneratedRegex(@"^\[length\((.+)\)\]$")]
    private static partial Regex CopyCount();
}
