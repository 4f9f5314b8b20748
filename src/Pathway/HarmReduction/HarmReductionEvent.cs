using Pathway.Episodes;

namespace Pathway.HarmReduction;

// The code lists of harm_reduction.csv (exchange-format.md version 2); each code is the member's snake_case name.

public enum HarmReductionKind { NaloxoneKit, NeedleSyringePack, DrugTest, HepCAntibodyTest, HepCRnaTest, HepBVaccination, HivTest }

public enum HarmReductionResult { Positive, Negative, Declined, NotApplicable }

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
}
