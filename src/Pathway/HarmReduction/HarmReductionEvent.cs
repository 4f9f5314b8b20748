using System.ComponentModel.DataAnnotations;
using Pathway.Episodes;

namespace Pathway.HarmReduction;

// The code lists of harm_reduction.csv (exchange-format.md version 2); each code is the member's snake_case name.

public enum HarmReductionKind
{
    [Display(Name = "Naloxone kit")] NaloxoneKit,
    [Display(Name = "Needle and syringe pack")] NeedleSyringePack,
    [Display(Name = "Drug test")] DrugTest,
    [Display(Name = "Hepatitis C antibody test")] HepCAntibodyTest,
    [Display(Name = "Hepatitis C RNA test")] HepCRnaTest,
    [Display(Name = "Hepatitis B vaccination")] HepBVaccination,
    [Display(Name = "HIV test")] HivTest,
}

public enum HarmReductionResult { Positive, Negative, Declined, [Display(Name = "Not a test")] NotApplicable }

/// <summary>
/// Who a naloxone kit was handed to. Not in harm_reduction.csv (version 2 has no column for it): a loaded kit has none, a
/// kit recorded on the case page has one.
/// </summary>
public enum NaloxoneRecipient { Client, [Display(Name = "Family member or carer")] FamilyMemberOrCarer }

/// <summary>A naloxone kit or needle pack handed out, a test, or a vaccination dose: a row of harm_reduction.csv.</summary>
public class HarmReductionEvent
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public DateOnly Date { get; set; }
    public HarmReductionKind Kind { get; set; }
    public HarmReductionResult Result { get; set; }
    /// <summary>Kits or packs handed out; the dose number (1–4) of a vaccination; 1 for a test.</summary>
    public int Quantity { get; set; }
    /// <summary>The substance a drug test tested for; null for every other kind.</summary>
    public Substance? Substance { get; set; }
    /// <summary>Who a naloxone kit went to; null for every other kind, and for a kit loaded from a bundle.</summary>
    public NaloxoneRecipient? Recipient { get; set; }
}
