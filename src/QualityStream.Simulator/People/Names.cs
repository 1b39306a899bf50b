namespace QualityStream.Simulator.People;

internal static class Names
{
    public static readonly IReadOnlyList<string> First =
    [
        "Ana", "James", "Maria", "Robert", "Linda", "Michael", "Jennifer", "David", "Patricia", "William",
        "Elizabeth", "Carlos", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Daniel", "Karen", "Matthew",
        "Nancy", "Anthony", "Lisa", "Mark", "Betty", "Luis", "Sandra", "Steven", "Ashley", "Kevin",
        "Emily", "Brian", "Donna", "Jose", "Michelle", "Wei", "Carol", "Aisha", "Amanda", "Tyrone",
        "Melissa", "Ryan", "Deborah", "Jacob", "Stephanie", "Nguyen", "Rebecca", "Gary", "Sharon", "Priya",
    ];

    public static readonly IReadOnlyList<string> Last =
    [
        "Diaz", "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
        "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
        "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis",
        "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill",
        "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Patel",
    ];
}
