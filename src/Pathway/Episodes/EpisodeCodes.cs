namespace Pathway.Episodes;

// The code lists of exchange-format.md. Each member's code is its snake_case name (see Codes<T>),
// so the order and spelling here are the spec's.

public enum CarePathway { Adult, YoungPeople }

public enum ReferralSource
{
    Self, OnlineSelf, Gp, Pharmacy, Hospital, MentalHealth, SocialCare, Housing, CriminalJustice,
    Prison, Family, Employment, OtherTreatmentProvider, YoungPeopleService, Other,
}

public enum Substance
{
    Heroin, IllicitMethadone, IllicitBuprenorphine, OtherOpiate,
    Crack, Cocaine, Amphetamine, Cannabis, Benzodiazepine, Ketamine, Nps, PrescribedMedicine, OtcMedicine,
    Solvent, OtherDrug,
    Alcohol,
}

public enum InjectingStatus { Never, Previously, Currently, Declined }

public enum DischargeReason
{
    CompletedDrugFree, CompletedAlcoholFree, CompletedOccasionalUser,
    TransferredCommunity, TransferredCustody, DroppedOut, WithdrawnByProvider, RetainedInCustody,
    DeclinedTreatment, OnwardReferralRefused, Died, NotSuitable,
}

public enum InterventionType { Pharmacological, Psychosocial, RecoverySupport, InpatientWithdrawal, ResidentialRehab, HarmReduction }

public enum InterventionSetting { Community, PrimaryCare, Pharmacy, Inpatient, Residential, Prison, RecoveryHub, Online }

public enum ContactChannel { FaceToFace, Phone, Video, Online }

public enum ContactKind { Assessment, Keywork, Group, Prescribing, Review, PeerSupport, CarerSupport, Aftercare }

/// <summary>The substance groups of indicators.md, in the order their rules are tried.</summary>
public enum SubstanceGroup { Opiate, NonOpiateAndAlcohol, AlcoholOnly, NonOpiateOnly }

public static class Substances
{
    public static bool IsOpiate(Substance s) =>
        s is Substance.Heroin or Substance.IllicitMethadone or Substance.IllicitBuprenorphine or Substance.OtherOpiate;

    /// <summary>indicators.md "Substance group of an episode": the first rule that holds.</summary>
    public static SubstanceGroup GroupOf(Substance first, Substance? second, Substance? third)
    {
        Substance[] all = [first, .. second is { } s2 ? [s2] : Array.Empty<Substance>(), .. third is { } s3 ? [s3] : Array.Empty<Substance>()];
        if (all.Any(IsOpiate)) return SubstanceGroup.Opiate;
        var alcohol = all.Contains(Substance.Alcohol);
        if (alcohol && all.Length > 1) return SubstanceGroup.NonOpiateAndAlcohol;
        if (alcohol) return SubstanceGroup.AlcoholOnly;
        return SubstanceGroup.NonOpiateOnly;
    }
}

public static class DischargeReasons
{
    public static bool IsSuccessfulCompletion(DischargeReason reason) =>
        reason is DischargeReason.CompletedDrugFree or DischargeReason.CompletedAlcoholFree or DischargeReason.CompletedOccasionalUser;
}
