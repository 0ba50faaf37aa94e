using System.Text.RegularExpressions;
using StaffCloudSync.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// azure-pipelines.yml as Azure DevOps compiles it, for the template syntax the file uses: <c>${{ variables.x }}</c>
/// put in from its own variables, and each <c>- template:</c> step list put in place with <c>${{ parameters.x }}</c>
/// filled from the step's parameters. Runtime macros (<c>$(x)</c>) stay as they are, as they do until a job runs.
/// </summary>
internal static partial class PipelineYaml
{
    public static readonly string PipelinePath = Path.Combine(RepositoryPaths.Root, "azure-pipelines.yml");

    private static readonly Lazy<YamlMappingNode> Compiled = new(Compile);

    /// <summary>The pipeline with its templates expanded.</summary>
    public static YamlMappingNode Pipeline => Compiled.Value;

    /// <summary>The pipeline file and the step templates it uses, as written.</summary>
    public static IEnumerable<string> Files() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "pipelines"), "*.yml").Order(StringComparer.Ordinal).Prepend(PipelinePath);

    /// <summary>The pipeline's own variables (name → value as written).</summary>
    public static Dictionary<string, string> Variables() =>
        ((YamlMappingNode)Parse(File.ReadAllText(PipelinePath)).Children[new YamlScalarNode("variables")]).Children
            .ToDictionary(v => ((YamlScalarNode)v.Key).Value!, v => ((YamlScalarNode)v.Value).Value!, StringComparer.Ordinal);

    public static IEnumerable<YamlMappingNode> Mappings(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.Values.SelectMany(Mappings).Prepend(mapping),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Mappings),
        _ => [],
    };

    public static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static List<YamlMappingNode> Tasks(YamlNode node, string task) =>
        Mappings(node).Where(m => Scalar(m, "task") == task).ToList();

    public static string Input(YamlMappingNode task, string input) =>
        Scalar((YamlMappingNode)task.Children[new YamlScalarNode("inputs")], input) ?? "";

    public static List<YamlMappingNode> Stages() =>
        ((YamlSequenceNode)Pipeline.Children[new YamlScalarNode("stages")]).Children.Cast<YamlMappingNode>().ToList();

    public static YamlMappingNode Stage(string name) => Stages().Single(s => Scalar(s, "stage") == name);

    /// <summary>A stage's jobs, by their name (the <c>job:</c> or <c>deployment:</c> key).</summary>
    public static Dictionary<string, YamlMappingNode> Jobs(YamlMappingNode stage) =>
        ((YamlSequenceNode)stage.Children[new YamlScalarNode("jobs")]).Children.Cast<YamlMappingNode>()
            .ToDictionary(j => Scalar(j, "job") ?? Scalar(j, "deployment")!, StringComparer.Ordinal);

    /// <summary>The service connections a part of the pipeline uses (every task's azureSubscription).</summary>
    public static SortedSet<string> ServiceConnections(YamlNode node) =>
        new(Mappings(node).Where(m => m.Children.ContainsKey(new YamlScalarNode("inputs")))
            .Select(m => Input(m, "azureSubscription")).Where(s => s.Length > 0), StringComparer.Ordinal);

    /// <summary>The inline scripts of a part of the pipeline, in order.</summary>
    public static List<string> InlineScripts(YamlNode node) =>
        Mappings(node).Select(m => Scalar(m, "inlineScript") ?? Scalar(m, "script")).OfType<string>().ToList();

    private static YamlMappingNode Compile()
    {
        var variables = Variables();
        var root = Parse(VariableExpression().Replace(File.ReadAllText(PipelinePath), m => variables[m.Groups[1].Value]));
        ExpandTemplates(root);
        return root;
    }

    private static void ExpandTemplates(YamlNode node)
    {
        if (node is YamlMappingNode mapping)
        {
            foreach (var child in mapping.Children.Values)
            {
                ExpandTemplates(child);
            }

            return;
        }

        if (node is not YamlSequenceNode sequence)
        {
            return;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode item && Scalar(item, "template") is { } path)
            {
                var steps = TemplateSteps(path, (YamlMappingNode)item.Children[new YamlScalarNode("parameters")]);
                sequence.Children.RemoveAt(i);
                foreach (var step in Enumerable.Reverse(steps))
                {
                    sequence.Children.Insert(i, step);
                }

                i += steps.Count - 1;
            }
            else
            {
                ExpandTemplates(sequence.Children[i]);
            }
        }
    }

    private static List<YamlNode> TemplateSteps(string path, YamlMappingNode parameters)
    {
        var given = parameters.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!, StringComparer.Ordinal);
        var text = ParameterExpression().Replace(File.ReadAllText(Path.Combine(RepositoryPaths.Root, path)), m =>
            given.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new AssertionException($"{path} uses parameter {m.Groups[1].Value}, which is not passed"));
        var template = Parse(text);
        var declared = ((YamlSequenceNode)template.Children[new YamlScalarNode("parameters")]).Children.Cast<YamlMappingNode>().Select(p => Scalar(p, "name")!);
        Assert.That(given.Keys, Is.EquivalentTo(declared), $"the parameters passed to {path} are the ones it declares");
        return ((YamlSequenceNode)template.Children[new YamlScalarNode("steps")]).Children.ToList();
    }

    private static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    [GeneratedRegex(@"\$\{\{\s*variables\.([A-Za-z]+)\s*\}\}")]
    private static partial Regex VariableExpression();

    [GeneratedRegex(@"\$\{\{\s*parameters\.([A-Za-z]+)\s*\}\}")]
    private static partial Regex ParameterExpression();
}
