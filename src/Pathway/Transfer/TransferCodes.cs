using System.Globalization;
using Hl7.Fhir.Model;
using Pathway.Fhir;
using Pathway.Infrastructure;

namespace Pathway.Transfer;

/// <summary>
/// The parts of a transfer export that FHIR and UK Core have no element for: Pathway's own extensions and code systems, under
/// <see cref="UkCore.PathwayBase"/>, carrying the exchange format's codes so nothing a worker entered is lost on the way.
/// A validator that does not know them warns and carries on, as FHIR means it to with extensions.
/// </summary>
public static class TransferCodes
{
    public const string ExtensionBase = UkCore.PathwayBase + "/StructureDefinition/";
    public const string CodeSystemBase = UkCore.PathwayBase + "/CodeSystem/";
    public const string StaffSystem = UkCore.PathwayBase + "/Id/staff";

    public const string EncounterProfile = UkCore.Profiles + "UKCore-Encounter";
    public const string FlagProfile = UkCore.Profiles + "UKCore-Flag";
    public const string ObservationProfile = UkCore.Profiles + "UKCore-Observation";
    public const string RelatedPersonProfile = UkCore.Profiles + "UKCore-RelatedPerson";

    public static string System<T>() where T : struct, Enum => CodeSystemBase + Kebab(typeof(T).Name);

    public static Coding Coding<T>(T value) where T : struct, Enum => new(System<T>(), Codes<T>.Code(value));

    public static CodeableConcept Concept<T>(T value, string? text = null) where T : struct, Enum =>
        new(System<T>(), Codes<T>.Code(value)) { Text = text };

    /// <summary>The code of this system among the concept's codings; null when there is none.</summary>
    public static string? CodeIn<T>(CodeableConcept? concept) where T : struct, Enum =>
        concept?.Coding.FirstOrDefault(c => c.System == System<T>())?.Code;

    public static void Set(IExtendable on, string name, DataType? value)
    {
        if (value is not null) on.Extension.Add(new Extension(ExtensionBase + name, value));
    }

    /// <summary>An empty text is not a FHIR string: it travels as no extension at all.</summary>
    public static void Set(IExtendable on, string name, string? value) => Set(on, name, string.IsNullOrEmpty(value) ? null : new FhirString(value));

    public static void Set<T>(IExtendable on, string name, T? value) where T : struct, Enum =>
        Set(on, name, value is { } v ? new Code(Codes<T>.Code(v)) : null);

    public static void Set<T>(IExtendable on, string name, T value) where T : struct, Enum => Set(on, name, (T?)value);

    public static void Set(IExtendable on, string name, bool? value) => Set(on, name, value is { } v ? new FhirBoolean(v) : null);

    public static void Set(IExtendable on, string name, int? value) => Set(on, name, value is { } v ? new Integer(v) : null);

    public static void Set(IExtendable on, string name, DateOnly? value) => Set(on, name, value is { } v ? new Date(Day(v)) : null);

    public static DataType? Get(IExtendable on, string name) => on.Extension.FirstOrDefault(e => e.Url == ExtensionBase + name)?.Value;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Kebab(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
