using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// JSON for the open cart. The evidence holds domain value objects (photo ID, signature, age checks, approvals)
/// whose constructors and setters are private, as the domain wants; this reads them back the way EF does, through
/// the private parameterless constructor and the private setters, without adding attributes to the domain.
/// </summary>
public static class CartJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AllowPrivateMembers } },
    };

    public static string Serialize(CartSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    public static CartSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<CartSnapshot>(json, Options) ?? throw new JsonException("The saved cart is empty.");

    private static void AllowPrivateMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Namespace?.StartsWith("PharmacyPos.Domain", StringComparison.Ordinal) != true)
            return;
        if (info.CreateObject is null && info.Type.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes) is { } ctor)
            info.CreateObject = () => ctor.Invoke(null);
        foreach (var property in info.Properties)
        {
            if (property.Set is not null)
                continue;
            var member = FindProperty(info.Type, property.Name);
            if (member?.SetMethod is { } setter)
                property.Set = (target, value) => setter.Invoke(target, [value]);
        }
    }

    private static PropertyInfo? FindProperty(Type type, string jsonName)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            var found = t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .FirstOrDefault(p => string.Equals(JsonNamingPolicy.CamelCase.ConvertName(p.Name), jsonName, StringComparison.Ordinal));
            if (found is not null)
                return found;
        }
        return null;
    }
}
