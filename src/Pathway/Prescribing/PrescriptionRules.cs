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

    // What a pharmacist would refuse: the prescribing pages apply these; the loader applies those a bundle can carry
    // (a bundle has no reason column, so the two rules that a recorded reason lifts are the pages' alone).

    /// <summary>Instalments: the days a week the pharmacy hands a dose out.</summary>
    public static readonly WholeNumbers InstalmentDays = new(1, 7);
    public const int MethadoneStartLimitMg = 30;
    public const int MaxScriptDays = 14;
    public const int MaxReasonLength = 500;
    public const string OverlapsSameMedicine = "must not overlap another prescription of the same medicine: end that one first, or change its dose";
    public const string MethadoneStartNeedsReason = "is above 30 mg a day for a methadone start: give the reason, or start at 30 mg or less";
    public const string SupervisedMoreThanInstalments = "must not be more than the instalment days a week";
    public const string ScriptTooLong = "must be at most 14 days after the first day of supply (a form supplies at most 14 days)";
    public const string ScriptOutsidePrescription = "must be within the prescription's dates";
    public const string NotSerialNumber = "must be the form's serial number: 6 to 20 letters or digits";
    public const string SerialInUse = "has already been issued: every form's serial number is used once; check the number on the pad";
    public const string ReasonTooLong = "must be 500 characters or fewer";

    /// <summary>
    /// The usual maximum daily (or, for an injection, per-interval) dose in mg, as prescribing guidance gives it; null when the
    /// medicine has none here. A dose above it stands only with a recorded reason.
    /// </summary>
    public static decimal? UsualMaximumMg(Medicine medicine, int intervalDays) => medicine switch
    {
        Medicine.MethadoneOralSolution => 120m,
        Medicine.BuprenorphineSublingual => 32m,
        Medicine.BuprenorphineOralLyophilisate => 18m,
        Medicine.BuprenorphineProlongedReleaseInjection => intervalDays == 28 ? 160m : 32m,
        Medicine.Naltrexone => 50m,
        Medicine.Disulfiram => 500m,
        Medicine.Chlordiazepoxide => 250m,
        _ => null,
    };

    public static string AboveUsualMaximum(decimal maximum) =>
        $"is above the usual maximum of {maximum.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} mg for this medicine: give the reason, or lower the dose";

    /// <summary>A dose above the medicine's usual maximum needs a recorded reason; at the maximum it needs none.</summary>
    public static string? UsualMaximum(Medicine medicine, int intervalDays, decimal dose, string? reason) =>
        UsualMaximumMg(medicine, intervalDays) is { } max && dose > max && string.IsNullOrWhiteSpace(reason) ? AboveUsualMaximum(max) : null;

    /// <summary>
    /// A methadone start (not the next step of a titration) above 30 mg a day needs a recorded reason (a transfer from another
    /// prescriber, say); 30 mg needs none.
    /// </summary>
    public static string? MethadoneStart(Medicine medicine, decimal dose, bool isStart, string? reason) =>
        medicine == Medicine.MethadoneOralSolution && isStart && dose > MethadoneStartLimitMg && string.IsNullOrWhiteSpace(reason)
            ? MethadoneStartNeedsReason : null;

    /// <summary>Two prescriptions of one medicine must not share a day: a titration's steps end the day before the next starts.</summary>
    public static string? Overlap(Medicine medicine, DateOnly start, DateOnly? end,
        IEnumerable<(Medicine Medicine, DateOnly Start, DateOnly? End)> others) =>
        others.Any(o => o.Medicine == medicine && o.Start <= (end ?? DateOnly.MaxValue) && start <= (o.End ?? DateOnly.MaxValue))
            ? OverlapsSameMedicine : null;

    public static string? InstalmentDaysPerWeek(int days) => InstalmentDays.Check(days);

    /// <summary>A supervised dose is taken at the pharmacy, so only on a day it hands one out.</summary>
    public static string? SupervisedWithinInstalments(int supervised, int instalments) =>
        supervised > instalments ? SupervisedMoreThanInstalments : null;

    public static string? Reason(string reason) => reason.Length > MaxReasonLength ? ReasonTooLong : null;

    /// <summary>The days one form supplies: at most 14 (first and last day counted), within the prescription.</summary>
    public static string? ScriptLastDay(DateOnly first, DateOnly last, DateOnly prescriptionStart, DateOnly? prescriptionEnd) =>
        last < first ? "must not be before the first day of supply"
        : last.DayNumber - first.DayNumber + 1 > MaxScriptDays ? ScriptTooLong
        : first < prescriptionStart || (prescriptionEnd is { } e && last > e) ? ScriptOutsidePrescription
        : null;

    public static string? SerialNumber(string serial) => SerialShape().IsMatch(serial) ? null : NotSerialNumber;

    [GeneratedRegex("^[A-Z0-9]{6,20}$")]
    private static partial Regex SerialShape();

    [GeneratedRegex("^[A-Z][A-Z0-9]{4}$")]
    private static partial Regex OdsCode();
}
