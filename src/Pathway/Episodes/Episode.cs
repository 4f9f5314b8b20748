using Pathway.People;

namespace Pathway.Episodes;

/// <summary>A treatment journey from referral to discharge: a row of episodes.csv.</summary>
public class Episode
{
    public int Id { get; set; }
    public required string Source { get; set; }
    public required string EpisodeRef { get; set; }
    public int ClientRecordId { get; set; }
    public ClientRecord ClientRecord { get; set; } = null!;
    // Copied from the client record so indicator queries group by person without a join.
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;

    public required string ProviderCode { get; set; }
    public CarePathway Pathway { get; set; }
    public DateOnly ReferralDate { get; set; }
    public ReferralSource ReferralSource { get; set; }
    public DateOnly? TriageDate { get; set; }
    public Substance Substance1 { get; set; }
    public Substance? Substance2 { get; set; }
    public Substance? Substance3 { get; set; }
    public InjectingStatus InjectingStatus { get; set; }
    public DateOnly? DischargeDate { get; set; }
    public DischargeReason? DischargeReason { get; set; }

    // Case management: who holds the case.
    public string? KeyWorkerId { get; set; }
    public int? TeamId { get; set; }

    /// <summary>Optimistic concurrency: a save based on an older version is refused, not merged.</summary>
    public int Version { get; set; }

    public List<Intervention> Interventions { get; set; } = [];
    public List<Contact> Contacts { get; set; } = [];
    public List<OutcomeReviews.OutcomeReview> OutcomeReviews { get; set; } = [];
    public List<Prescribing.Prescription> Prescriptions { get; set; } = [];
    public List<HarmReduction.HarmReductionEvent> HarmReductionEvents { get; set; } = [];

    public SubstanceGroup SubstanceGroup => Substances.GroupOf(Substance1, Substance2, Substance3);

    public bool IsInTreatmentOn(DateOnly day) =>
        TriageDate is { } triage && triage <= day && (DischargeDate is not { } discharge || discharge >= day);
}

/// <summary>An intervention (modality) within an episode: a row of interventions.csv.</summary>
public class Intervention
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public InterventionType Type { get; set; }
    public InterventionSetting Setting { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
}

/// <summary>An appointment or contact: a row of contacts.csv.</summary>
public class Contact
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public DateOnly Date { get; set; }
    public ContactChannel Channel { get; set; }
    public bool Attended { get; set; }
    public ContactKind Kind { get; set; }
}
