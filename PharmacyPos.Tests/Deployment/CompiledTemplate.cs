using System.Text.Json;
using System.Text.RegularExpressions;

namespace PharmacyPos.Tests.Deployment;

/// <summary>
/// Reads the ARM JSON that Bicep compiles infra/main.bicep into: the modules (nested
/// deployments), their resources, and values that are plain references to a variable or
/// a parameter of the module, resolved to what main.bicep passes or the default
/// (main.bicep's own parameters resolve to their defaults).
/// </summary>
internal sealed partial class CompiledTemplate
{
    private readonly JsonElement _template;
    private readonly JsonElement? _parameterValues;
    private readonly CompiledTemplate? _parent;

    private CompiledTemplate(JsonElement template, JsonElement? parameterValues, CompiledTemplate? parent)
    {
        _template = template;
        _parameterValues = parameterValues;
        _parent = parent;
    }

    public static CompiledTemplate Main { get; } = Load();

    private static CompiledTemplate Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.CompiledInfra("main.json")));
        return new CompiledTemplate(document.RootElement.Clone(), null, null);
    }

    public JsonElement Template => _template;

    public CompiledTemplate Module(string symbolicName)
    {
        var deployment = Resources().SingleOrDefault(r => r.Name == symbolicName);
        Assert.True(deployment.Name is not null, $"main.bicep has no module '{symbolicName}'.");
        var properties = deployment.Body.GetProperty("properties");
        return new CompiledTemplate(properties.GetProperty("template"), properties.GetProperty("parameters"), this);
    }

    public IEnumerable<(string Name, JsonElement Body)> Resources()
    {
        var resources = _template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => (p.Name, p.Value))
            : resources.EnumerateArray().Select((r, i) => (i.ToString(), r));
    }

    public JsonElement Resource(string type) => ResourcesOfType(type).Single();

    public IReadOnlyList<JsonElement> ResourcesOfType(string type)
    {
        var found = Resources().Select(r => r.Body)
            .Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(found.Count > 0, $"The compiled template has no {type}.");
        return found;
    }

    /// <summary>Follows a dotted path from an element, resolving variable and parameter references on the way.</summary>
    public JsonElement Get(JsonElement element, string path)
    {
        var current = Resolve(element);
        foreach (var step in path.Split('.'))
        {
            var next = default(JsonElement);
            var found = current.ValueKind == JsonValueKind.Object && current.TryGetProperty(step, out next);
            Assert.True(found, $"'{path}' not found (stopped at '{step}') in {Shorten(current)}");
            current = Resolve(next);
        }

        return current;
    }

    public JsonElement Parameter(string name)
    {
        // A value passed to a module is an expression of the template that passes it.
        if (_parameterValues is { } values && values.TryGetProperty(name, out var passed))
        {
            return _parent!.Resolve(passed.GetProperty("value"));
        }

        Assert.True(_template.GetProperty("parameters").TryGetProperty(name, out var declared), $"No parameter '{name}'.");
        Assert.True(declared.TryGetProperty("defaultValue", out var defaultValue), $"Parameter '{name}' is neither passed nor defaulted.");
        return Resolve(defaultValue);
    }

    public JsonElement Variable(string name)
    {
        Assert.True(_template.GetProperty("variables").TryGetProperty(name, out var value), $"No variable '{name}'.");
        return Resolve(value);
    }

    private JsonElement Resolve(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return element;
        }

        var match = Reference().Match(element.GetString()!);
        if (!match.Success)
        {
            return element;
        }

        return match.Groups["kind"].Value == "variables"
            ? Variable(match.Groups["name"].Value)
            : Parameter(match.Groups["name"].Value);
    }

    private static string Shorten(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 200 ? text : text[..200] + "...";
    }

    [GeneratedRegex(@"^\[(?<kind>variables|parameters)\('(?<name>[A-Za-z0-9_]+)'\)\]$")]
    private static partial Regex Reference();
}
