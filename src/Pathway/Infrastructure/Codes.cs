using System.Collections.Frozen;
using System.Reflection;
using System.Text;

namespace Pathway.Infrastructure;

/// <summary>Overrides the exchange-format code of an enum member when it is not the member's snake_case name.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class CodeAttribute(string code) : Attribute
{
    public string Code { get; } = code;
}

/// <summary>
/// The one mapping between the code lists of exchange-format.md and our enums. The database stores the
/// same readable codes, so SQL written by hand (indicators) compares against the spec's own words.
/// </summary>
public static class Codes<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> ToCodes = typeof(T)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToFrozenDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<CodeAttribute>()?.Code ?? SnakeCase(f.Name));

    private static readonly FrozenDictionary<string, T> FromCodes =
        ToCodes.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => ToCodes.Values;

    public static string Code(T value) => ToCodes[value];

    public static bool TryParse(string code, out T value) => FromCodes.TryGetValue(code, out value);

    public static T Parse(string code) =>
        FromCodes.TryGetValue(code, out var value)
            ? value
            : throw new FormatException($"'{code}' is not a {typeof(T).Name} code.");

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
