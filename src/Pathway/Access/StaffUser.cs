using Microsoft.AspNetCore.Identity;

namespace Pathway.Access;

public enum Employment { Employed, Agency, Volunteer }

/// <summary>A member of staff (or a commissioner) who signs in. Scope comes from the provider or local authority.</summary>
public class StaffUser : IdentityUser
{
    public required string DisplayName { get; set; }
    /// <summary>The provider whose clients this user works with; null for commissioners and administrators.</summary>
    public string? ProviderCode { get; set; }
    /// <summary>The council a commissioner works for.</summary>
    public string? LocalAuthorityCode { get; set; }
    public int? TeamId { get; set; }
    public Employment Employment { get; set; }
    /// <summary>A pharmacist's pharmacy (ODS code): the one dose list they see; null for everyone else.</summary>
    public string? PharmacyOdsCode { get; set; }
}

/// <summary>The roles of the service. Names are stable: they are stored and shown.</summary>
public static class Roles
{
    public const string RecoveryWorker = nameof(RecoveryWorker);
    public const string TeamManager = nameof(TeamManager);
    public const string PeerMentor = nameof(PeerMentor);
    public const string DataOfficer = nameof(DataOfficer);
    public const string Commissioner = nameof(Commissioner);
    public const string Administrator = nameof(Administrator);
    /// <summary>A doctor or non-medical prescriber at a provider: sees the provider's cases and writes prescriptions.</summary>
    public const string Prescriber = nameof(Prescriber);
    /// <summary>A community pharmacist: sees only their pharmacy's dose list (<see cref="StaffUser.PharmacyOdsCode"/>).</summary>
    public const string Pharmacist = nameof(Pharmacist);

    public static readonly IReadOnlyList<string> All =
        [RecoveryWorker, TeamManager, PeerMentor, DataOfficer, Commissioner, Administrator, Prescriber, Pharmacist];

    public static string Describe(string role) => role switch
    {
        RecoveryWorker => "Recovery worker",
        TeamManager => "Team manager",
        PeerMentor => "Peer mentor",
        DataOfficer => "Data officer",
        Commissioner => "Commissioner",
        Administrator => "Administrator",
        Prescriber => "Prescriber",
        Pharmacist => "Pharmacist",
        _ => role,
    };
}
