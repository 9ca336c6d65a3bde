package demo

// A person's name as a group of the practice might meet it: names of one
// language travel together (an Arabic-script family name with an
// Arabic-script given name), and each group has its own weight in the
// practice's population.
type nameGroup struct {
	weight  int
	family  []string
	female  []string
	male    []string
	hyphens bool // double-barrelled family names are common in this group
}

var nameGroups = []nameGroup{
	{weight: 30, hyphens: true,
		family: []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
			"Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
			"Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
			"Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
			"Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
			"Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
			"Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Pérez", "Marchand",
			"Dufour", "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin",
			"Fernandez", "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal",
			"Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis",
			"Olivier", "Rodriguez", "Da Silva", "Hubert", "Louis", "Charles", "Guillot", "Rivière", "Le Gall", "Guillaume",
			"Adam", "Rey", "Moulin", "Gonzalez", "Berger", "Lecomte", "Ménard", "Fleury", "Deschamps", "Carpentier",
			"Julien", "Benoît", "Paris", "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Renault", "Jacquet",
			"Collet", "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons", "Paul",
			"Laine", "Carré", "Breton", "Rémy", "Schneider", "Perrot", "Guyot", "Barre", "Marty", "Cousin"},
		female: []string{"Marie", "Camille", "Léa", "Manon", "Chloé", "Inès", "Jeanne", "Louise", "Émilie", "Céline",
			"Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Monique", "Hélène", "Sophie", "Aurélie", "Élodie",
			"Zoé", "Margaux", "Agathe", "Clémence", "Anaïs", "Noémie", "Geneviève", "Thérèse", "Brigitte", "Mathilde"},
		male: []string{"Jean", "Pierre", "Michel", "André", "Philippe", "Nicolas", "Julien", "Thomas", "Lucas", "Hugo",
			"Louis", "Gabriel", "Raphaël", "Théo", "Mathéo", "Jérôme", "Stéphane", "Frédéric", "François", "Benoît",
			"Gérard", "Bernard", "Yves", "Hervé", "Loïc", "Mickaël", "Sébastien", "Jean-Pierre", "Jean-Luc", "Noël"},
	},
	{weight: 8, hyphens: true,
		family: []string{"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
			"Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez",
			"Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Núñez",
			"Gonçalves", "Magalhães", "Araújo", "Conceição", "Ferreira", "Sousa", "Rodrigues", "Carvalho", "Simões", "Lourenço"},
		female: []string{"María", "Lucía", "Carmen", "Ana", "Sofía", "Paula", "Inés", "Begoña", "Nuria", "Ángela",
			"Mariana", "Conceição", "Leonor", "Inês", "Beatriz"},
		male: []string{"José", "Antonio", "Manuel", "Francisco", "Javier", "Álvaro", "Raúl", "Sergio", "Jesús", "Íñigo",
			"João", "Gonçalo", "Tomás", "Rui", "Vítor"},
	},
	{weight: 6,
		family: []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Schäfer", "Köhler", "Weiß", "Groß", "Hoffmann",
			"Schröder", "Krüger", "Böhm", "Jäger", "Bäcker", "Größer", "Vogel", "Zimmermann", "Hartmann", "Lüdtke",
			"van der Berg", "de Vries", "van Dijk", "Jansen", "de Jong", "Bakker", "Visser", "Smit"},
		female: []string{"Anna", "Lena", "Greta", "Käthe", "Ursula", "Sabine", "Birgit", "Lotte", "Maaike", "Sanne", "Annelies"},
		male:   []string{"Jürgen", "Klaus", "Stefan", "Jörg", "Lukas", "Maximilian", "Matthias", "Sven", "Pieter", "Joost", "Bram"},
	},
	{weight: 5,
		family: []string{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
			"De Luca", "D'Angelo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso"},
		female: []string{"Giulia", "Francesca", "Chiara", "Federica", "Alessia", "Martina", "Elisa", "Nicoletta"},
		male:   []string{"Giuseppe", "Giovanni", "Francesco", "Alessandro", "Lorenzo", "Matteo", "Niccolò", "Luca"},
	},
	{weight: 4,
		family: []string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Dąbrowski", "Szymański", "Woźniak",
			"Dvořák", "Novák", "Černý", "Procházka", "Kučera", "Horváth", "Szabó", "Tóth", "Kovač", "Petrović"},
		female: []string{"Agnieszka", "Małgorzata", "Katarzyna", "Żaneta", "Zuzana", "Věra", "Erzsébet", "Jovana"},
		male:   []string{"Łukasz", "Paweł", "Grzegorz", "Krzysztof", "Jiří", "Tomáš", "László", "Miloš"},
	},
	{weight: 4,
		family: []string{"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
			"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"},
		female: []string{"Ayşe", "Fatma", "Elif", "Zeynep", "Şule", "Thị Lan", "Ngọc Anh", "Thu Hà"},
		male:   []string{"Mehmet", "Mustafa", "Ahmet", "Çağrı", "İbrahim", "Văn Minh", "Quốc Bảo", "Đức"},
	},
	{weight: 8, hyphens: true,
		family: []string{"Benali", "El Amrani", "Haddad", "Bouzid", "Mansouri", "Cherif", "Benyahia", "Saïdi", "Boumediene", "Ait Ahmed",
			"Khelifi", "Hamidi", "Belkacem", "Zerrouki", "Traoré", "Diallo", "Koné", "Ndiaye", "Mbaye", "Diop"},
		female: []string{"Yasmine", "Amina", "Fatima", "Nour", "Leïla", "Samira", "Inès", "Aïcha", "Fatoumata", "Awa"},
		male:   []string{"Karim", "Mehdi", "Mohamed", "Yacine", "Rachid", "Sofiane", "Ilyès", "Moussa", "Mamadou", "Ousmane"},
	},
	{weight: 2, // Arabic script
		family: []string{"حداد", "منصور", "الخطيب", "العلي", "الحسن", "يوسف", "سليمان", "عبد الله"},
		female: []string{"فاطمة", "ليلى", "مريم", "نور", "سارة"},
		male:   []string{"محمد", "أحمد", "يوسف", "علي", "عمر"},
	},
	{weight: 1, // Hebrew script
		family: []string{"כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם"},
		female: []string{"שרה", "נועה", "יעל", "מיכל", "רחל"},
		male:   []string{"דוד", "משה", "יוסף", "אריאל", "נועם"},
	},
	{weight: 2,
		family: []string{"O'Brien", "O'Connor", "MacDonald", "Smith", "Jones", "Williams", "Brown", "Jørgensen", "Søndergaard", "Åberg",
			"Papadopoulos", "Παπαδόπουλος", "Иванов", "Smirnova"},
		female: []string{"Siobhán", "Emily", "Sarah", "Ingrid", "Åsa", "Σοφία", "Ольга", "Eleni"},
		male:   []string{"Seán", "James", "Oliver", "Søren", "Björn", "Γιώργος", "Дмитрий", "Nikos"},
	},
}

var streets = []string{"rue des Lilas", "avenue Jean Jaurès", "place des Tilleuls", "rue de la République", "boulevard Victor Hugo",
	"rue Pasteur", "chemin des Vignes", "rue du Moulin", "allée des Érables", "impasse des Côteaux", "rue Émile Zola",
	"route de Genève", "quai Saint-Vincent", "rue Garibaldi", "cours Lafayette", "rue de l'Église"}

var towns = []struct{ postcode, name string }{
	{"69003", "Lyon"}, {"69006", "Lyon"}, {"69100", "Villeurbanne"}, {"69500", "Bron"}, {"69300", "Caluire-et-Cuire"},
	{"69200", "Vénissieux"}, {"69120", "Vaulx-en-Velin"}, {"69800", "Saint-Priest"}, {"01700", "Miribel"}, {"38200", "Vienne"},
}

var cancelReasons = []string{"Patient called to cancel", "Patient is ill", "Work commitment", "Transport problem",
	"Rebooked to another day", "Practitioner unavailable", "Family emergency", "Weather"}

var visitNotes = []string{"", "", "", "", "", "", "", "", "Bring previous results", "Blood test results", "Prescription renewal",
	"Needs interpreter", "Certificate for sport", "Wheelchair access", "Follow-up after hospital stay", "Vaccination booster"}
