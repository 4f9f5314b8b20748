using System.Text;

namespace Pathway.Web;

/// <summary>How a code reads on a page: "OnlineSelf" is "Online self-referral", "Gp" is "GP".</summary>
public static class Words
{
    private static readonly Dictionary<string, string> Overrides = new()
    {
        ["Gp"] = "GP", ["OnlineSelf"] = "Online self-referral", ["Self"] = "Self-referral", ["Nps"] = "New psychoactive substances",
        ["OtcMedicine"] = "Over-the-counter medicine", ["Pharmacological"] = "Prescribing (including opioid substitution)",
        ["HarmReduction"] = "Harm reduction (including needle and syringe provision)", ["FaceToFace"] = "Face to face",
        ["PostExit"] = "Post-exit", ["Start"] = "Start of treatment", ["Review"] = "Six-monthly review", ["Exit"] = "Exit",
        ["Audit"] = "AUDIT", ["AuditC"] = "AUDIT-C", ["Sadq"] = "SADQ", ["YoungPeople"] = "Young people's", ["Adult"] = "Adult",
        ["MultiAgencyMeeting"] = "Multi-agency meeting", ["Male"] = "Male", ["Female"] = "Female", ["Other"] = "Other", ["NotStated"] = "Not stated",
        ["ClientContact"] = "Contact details",
    };

    /// <summary>A member's [Display] name when it has one (the demographic categories), else its name in words.</summary>
    public static string Of<T>(T value) where T : struct, Enum => DisplayNames<T>.Names.TryGetValue(value, out var shown) ? shown : Of(value.ToString());

    public static string Of<T>(T? value) where T : struct, Enum => value is { } v ? Of(v) : "";

    public static string Of(string name)
    {
        if (Overrides.TryGetValue(name, out var text)) return text;
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append(' ').Append(char.ToLowerInvariant(name[i]));
            else sb.Append(name[i]);
        }
        return sb.ToString();
    }

    private static class DisplayNames<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = typeof(T).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => (Value: (T)f.GetValue(null)!, Display: System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.ComponentModel.DataAnnotations.DisplayAttribute>(f)))
            .Where(f => f.Display?.Name is not null)
            .ToDictionary(f => f.Value, f => f.Display!.Name!);
    }

    // The invariant culture's month names are English, so no culture data is needed (the build is globalization-invariant).
    public static string Date(DateOnly? day) => day?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// An instant as the service reads it, in England whatever the server's own zone, the NHS.UK way:
    /// "1 December 2026 at 2:05pm" (midday is "12pm", midnight "12am").
    /// </summary>
    public static string Time(DateTimeOffset at)
    {
        var local = Infrastructure.Clock.InEngland(at);
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        var minutes = local.Minute == 0 ? "" : $":{local.Minute:00}";
        return $"{Date(DateOnly.FromDateTime(local))} at {hour}{minutes}{(local.Hour < 12 ? "am" : "pm")}";
    }
}
