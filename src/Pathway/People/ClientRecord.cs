using Pathway.Episodes;

namespace Pathway.People;

/// <summary>
/// A person as one source system knows them: a row of clients.csv. <c>ClientRef</c> is unique within its
/// <c>Source</c>; the attributors live on <see cref="Person"/>.
/// </summary>
public class ClientRecord
{
    public int Id { get; set; }
    public required string Source { get; set; }
    public required string ClientRef { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public required string LocalAuthorityCode { get; set; }
    public string? PostcodeDistrict { get; set; }
    public string? NhsNumber { get; set; }
    public bool ConsentNationalReporting { get; set; }

    // Case-management details the exchange format does not carry: staff need a name to call someone by.
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }

    public List<Episode> Episodes { get; set; } = [];
}
