using Pathway.Exchange;

namespace Pathway.Episodes;

/// <summary>
/// The rules of an episode (a row of episodes.csv), once, for the bundle loader and for the case-work forms.
/// Each returns null when kept, else the reason (see <see cref="Infrastructure.RecordRules"/>).
/// </summary>
public static class EpisodeRules
{
    public const int MaxProviderCodeLength = 20;
    public const string BeforeReferral = "must not be before the referral date";
    public const string BeforeTriage = "must not be before the triage date";
    public const string AfterDischarge = "must not be after the discharge date";
    public const string SameAsSubstance1 = "must differ from substance 1";
    public const string SameAsSubstance1Or2 = "must differ from substances 1 and 2";
    public const string Substance3WithoutSubstance2 = "needs substance 2 first";
    public const string OccasionalUserOfOpiatesOrCrack = "must not be completed as an occasional user when a substance is an opiate or crack";

    /// <summary>provider_code is free text that is exported, so it must not read as a spreadsheet formula either.</summary>
    public static string? ProviderCode(ReadOnlySpan<char> code) =>
        code.Length > MaxProviderCodeLength ? "must be at most 20 characters"
        : RefRules.StartsLikeAFormula(code) ? RefRules.LooksLikeAFormula : null;

    /// <summary>
    /// An episode is in treatment from triage to discharge. The loader passes no <paramref name="discharge"/>: it reports
    /// the same order once, on discharge_date; the triage form, which changes the triage date of a discharged episode, passes it.
    /// </summary>
    public static string? TriageDate(DateOnly triage, DateOnly? referral, DateOnly? discharge = null) =>
        triage < referral ? BeforeReferral : triage > discharge ? AfterDischarge : null;

    public static string? DischargeDate(DateOnly discharge, DateOnly? referral, DateOnly? triage) =>
        triage is { } t ? (discharge < t ? BeforeTriage : null) : discharge < referral ? BeforeReferral : null;

    /// <summary>Every dated record of an episode (intervention, contact, review) belongs to the journey that starts at referral.</summary>
    public static string? InJourney(DateOnly day, DateOnly? referral) => day < referral ? BeforeReferral : null;

    public static string? Substance2(Substance? first, Substance second) => second == first ? SameAsSubstance1 : null;

    public static string? Substance3(Substance? first, Substance? second, Substance third) =>
        third == first || third == second ? SameAsSubstance1Or2 : second is null ? Substance3WithoutSubstance2 : null;

    public static string? DischargeReason(DischargeReason reason, Substance? first, Substance? second, Substance? third) =>
        reason == Episodes.DischargeReason.CompletedOccasionalUser && (IsOpiateOrCrack(first) || IsOpiateOrCrack(second) || IsOpiateOrCrack(third))
            ? OccasionalUserOfOpiatesOrCrack : null;

    private static bool IsOpiateOrCrack(Substance? s) => s is { } x && (Substances.IsOpiate(x) || x == Substance.Crack);

    /// <summary>The ages the format allows at referral, and each pathway's; the reason names the age found.</summary>
    public static string? AgeAtReferral(int age) => age is < 10 or > 110 ? $"must give an age at referral of 10 to 110 (it gives {age})" : null;

    public static string? Pathway(CarePathway pathway, int ageAtReferral) => pathway switch
    {
        CarePathway.Adult when ageAtReferral < 18 => $"adult needs age 18 or over at referral (the client is {ageAtReferral})",
        CarePathway.YoungPeople when ageAtReferral >= 25 => $"young_people needs age under 25 at referral (the client is {ageAtReferral})",
        _ => null,
    };
}

/// <summary>The rules of an intervention (a row of interventions.csv).</summary>
public static class InterventionRules
{
    public const string BeforeStart = "must not be before the start date";

    public static string? StartDate(DateOnly start, DateOnly? referral) => EpisodeRules.InJourney(start, referral);

    public static string? EndDate(DateOnly end, DateOnly start) => end < start ? BeforeStart : null;
}

/// <summary>The rules of a contact (a row of contacts.csv).</summary>
public static class ContactRules
{
    public static string? Date(DateOnly date, DateOnly? referral) => EpisodeRules.InJourney(date, referral);
}
