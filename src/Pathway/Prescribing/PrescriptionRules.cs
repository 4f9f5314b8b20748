using System.Text.RegularExpressions;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Prescribing;

/// <summary>
/// The rules of a prescription (a row of prescriptions.csv), once, for the bundle loader now and the prescribing pages and
/// API to come. Each returns null when kept, else the reason (see <see cref="RecordRules"/>).
/// </summary>
public static partial class PrescriptionRules
{
    public const decimal MaxDoseMg = 500m;
    public const string DoseOutOfRange = "must be more than 0 and at most 500 (mg)";
    public const string DoseTooPrecise = "must have at most 1 decimal place";
    public const string NotAnInterval = "must be 1, 7 or 28";
    public const string LongIntervalNotInjection = "may be 7 or 28 only for buprenorphine_prolonged_release_injection";
    public const string NotOdsCode = "must be an ODS code: a capital letter then 4 capital letters or digits, e.g. FA123";

    /// <summary>Doses taken under a pharmacist's eye, days a week.</summary>
    public static readonly WholeNumbers SupervisedDays = new(0, 7);

    /// <summary>By value: 30.50 is 30.5 mg and keeps the rule; 30.25 does not.</summary>
    public static string? DoseMg(decimal dose) =>
        dose <= 0 || dose > MaxDoseMg ? DoseOutOfRange
        : decimal.Round(dose, 1) != dose ? DoseTooPrecise
        : null;

    /// <summary>1 = daily; 7 (weekly) and 28 (monthly) are the intervals of a prolonged-release injection only.</summary>
    public static string? DoseIntervalDays(int days, Medicine? medicine) =>
        days is not (1 or 7 or 28) ? NotAnInterval
        : days != 1 && medicine is { } m && m != Medicine.BuprenorphineProlongedReleaseInjection ? LongIntervalNotInjection
        : null;

    public static string? StartDate(DateOnly start, DateOnly? referral) => EpisodeRules.InJourney(start, referral);

    public static string? EndDate(DateOnly end, DateOnly start) => InterventionRules.EndDate(end, start);

    public static string? SupervisedDaysPerWeek(int days) => SupervisedDays.Check(days);

    public static string? PharmacyOdsCode(string code) => OdsCode().IsMatch(code) ? null : NotOdsCode;

    /// <summary>A prescription ref follows the rules of every other ref (1–40 characters, never a spreadsheet formula).</summary>
    public static string? PrescriptionRef(string value) => Exchange.RefRules.Check(value);

    [GeneratedRegex("^[A-Z][A-Z0-9]{4}$")]
    private static partial Regex OdsCode();
}
