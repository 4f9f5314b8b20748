using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.HarmReduction;

/// <summary>
/// The rules of a harm-reduction event (a row of harm_reduction.csv), once, for the bundle loader now and the pages and API
/// to come. Each returns null when kept, else the reason (see <see cref="RecordRules"/>).
/// </summary>
public static class HarmReductionRules
{
    public static readonly WholeNumbers Quantities = new(1, 99);
    /// <summary>A hepatitis B course is 3 doses, or 4 on the accelerated schedule.</summary>
    public static readonly WholeNumbers VaccinationDoses = new(1, 4);

    public const string TestResult = "must be positive, negative or declined for a test";
    public const string NotATestResult = "must be not_applicable unless kind is a test";
    public const string VaccinationDose = "must be the dose number of the vaccination, 1 to 4";
    public const string OneTest = "must be 1 for a test";
    public const string SubstanceRequired = "is required for drug_test (the substance tested for)";
    public const string SubstanceOnlyForDrugTest = "must be empty unless kind is drug_test";
    public const string RecipientRequired = "is required for a naloxone kit: the client, or a family member or carer";
    public const string RecipientOnlyForNaloxone = "must be empty unless kind is naloxone_kit";

    public static bool IsTest(HarmReductionKind kind) =>
        kind is HarmReductionKind.DrugTest or HarmReductionKind.HepCAntibodyTest or HarmReductionKind.HepCRnaTest or HarmReductionKind.HivTest;

    /// <summary>Events of an episode belong to the journey that starts at referral, as its contacts and reviews do.</summary>
    /// <remarks>The loader passes no <paramref name="discharge"/> (episodes.csv reports its own order); a form does.</remarks>
    public static string? Date(DateOnly date, DateOnly? referral, DateOnly? discharge = null) =>
        EpisodeRules.InJourney(date, referral) ?? (date > discharge ? EpisodeRules.AfterDischarge : null);

    public static string? Result(HarmReductionKind kind, HarmReductionResult result) =>
        IsTest(kind) ? (result == HarmReductionResult.NotApplicable ? TestResult : null)
        : result != HarmReductionResult.NotApplicable ? NotATestResult : null;

    public static string? Quantity(HarmReductionKind? kind, int quantity) =>
        Quantities.Check(quantity) is { } outOfRange ? outOfRange
        : kind == HarmReductionKind.HepBVaccination ? (VaccinationDoses.Check(quantity) is null ? null : VaccinationDose)
        : kind is { } k && IsTest(k) && quantity != 1 ? OneTest
        : null;

    /// <param name="substance">present: a substance code was given (whether or not it is a valid one)</param>
    public static string? Substance(HarmReductionKind kind, bool substance) =>
        kind == HarmReductionKind.DrugTest ? (substance ? null : SubstanceRequired)
        : substance ? SubstanceOnlyForDrugTest : null;

    /// <summary>
    /// Who a naloxone kit went to. harm_reduction.csv (version 2) has no column for it, so only the case page applies this
    /// rule; a loaded kit keeps no recipient.
    /// </summary>
    public static string? Recipient(HarmReductionKind kind, NaloxoneRecipient? recipient) =>
        kind == HarmReductionKind.NaloxoneKit ? (recipient is null ? RecipientRequired : null)
        : recipient is not null ? RecipientOnlyForNaloxone : null;
}
