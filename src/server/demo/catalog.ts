/**
 * Static vocabulary for the demo: Vitória (Espírito Santo, Brazil) — the city of the public no-show data —
 * its neighbourhoods, Brazilian names, specialties and the plain-language reasons patients give.
 * Coordinates are approximate neighbourhood centres; they only need to be plausible for distance ranking.
 */

export const DEMO_TIMEZONE = 'America/Sao_Paulo';

export interface Neighbourhood {
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
}

export const NEIGHBOURHOODS: readonly Neighbourhood[] = [
  { name: 'Jardim Camburi', latitude: -20.2625, longitude: -40.265 },
  { name: 'Jardim da Penha', latitude: -20.283, longitude: -40.296 },
  { name: 'Mata da Praia', latitude: -20.279, longitude: -40.289 },
  { name: 'Praia do Canto', latitude: -20.296, longitude: -40.291 },
  { name: 'Santa Lúcia', latitude: -20.296, longitude: -40.299 },
  { name: 'Bento Ferreira', latitude: -20.308, longitude: -40.308 },
  { name: 'Maruípe', latitude: -20.304, longitude: -40.318 },
  { name: 'Tabuazeiro', latitude: -20.295, longitude: -40.323 },
  { name: 'São Cristóvão', latitude: -20.294, longitude: -40.313 },
  { name: 'Itararé', latitude: -20.299, longitude: -40.313 },
  { name: 'Centro', latitude: -20.3195, longitude: -40.338 },
  { name: 'Santo Antônio', latitude: -20.313, longitude: -40.355 },
  { name: 'Caratoíra', latitude: -20.312, longitude: -40.348 },
  { name: 'Romão', latitude: -20.308, longitude: -40.33 },
  { name: 'Forte São João', latitude: -20.311, longitude: -40.322 },
  { name: 'Gurigica', latitude: -20.303, longitude: -40.325 },
  { name: 'Resistência', latitude: -20.28, longitude: -40.33 },
  { name: 'Maria Ortiz', latitude: -20.27, longitude: -40.304 },
  { name: 'Goiabeiras', latitude: -20.272, longitude: -40.3 },
  { name: 'São Pedro', latitude: -20.288, longitude: -40.339 },
  { name: 'Santa Martha', latitude: -20.29, longitude: -40.317 },
  { name: 'Ilha do Príncipe', latitude: -20.32, longitude: -40.348 },
  { name: 'Enseada do Suá', latitude: -20.31, longitude: -40.292 },
  { name: 'Bonfim', latitude: -20.3, longitude: -40.325 },
  { name: 'Jesus de Nazareth', latitude: -20.308, longitude: -40.3 },
  { name: 'Consolação', latitude: -20.305, longitude: -40.321 },
];

/** Where the demo clinics stand: a neighbourhood (by name, from the list above) on one of its main avenues. */
export const CLINIC_SITES: readonly { neighbourhood: string; street: string }[] = [
  { neighbourhood: 'Jardim Camburi', street: 'Avenida Dante Michelini' },
  { neighbourhood: 'Maruípe', street: 'Avenida Marechal Campos' },
  { neighbourhood: 'Centro', street: 'Avenida Jerônimo Monteiro' },
  { neighbourhood: 'Jardim da Penha', street: 'Avenida Fernando Ferrari' },
  { neighbourhood: 'Praia do Canto', street: 'Avenida Nossa Senhora da Penha' },
  { neighbourhood: 'Santa Lúcia', street: 'Avenida Leitão da Silva' },
];

export const STREETS: readonly string[] = [
  'Rua das Palmeiras',
  'Rua Sete de Setembro',
  'Rua Santos Dumont',
  'Rua Tiradentes',
  'Rua Dom Pedro II',
  'Rua Barão de Itapemirim',
  'Rua Getúlio Vargas',
  'Rua das Acácias',
  'Rua dos Ipês',
  'Rua São José',
  'Avenida Vitória',
  'Rua Graciano Neves',
];

/** Lists of single words, written on one line each to keep this file short. */
const words = (text: string): readonly string[] => text.split(' ');

export const FEMALE_NAMES: readonly string[] = words(
  'Maria Ana Juliana Fernanda Patrícia Aline Camila Amanda Bruna Jéssica Letícia Júlia Luciana Vanessa Mariana Gabriela Beatriz Larissa Adriana Sandra Cláudia Rosângela Francisca Helena Alice Laura Sofia Valentina Isabela Raimunda',
);

export const MALE_NAMES: readonly string[] = words(
  'José João Antônio Francisco Carlos Paulo Pedro Lucas Luiz Marcos Gabriel Rafael Daniel Marcelo Bruno Eduardo Felipe Rodrigo Gustavo Matheus Miguel Arthur Heitor Bernardo Davi Thiago Leonardo André Fábio Sérgio',
);

export const SURNAMES: readonly string[] = words(
  'Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Andrade Moreira Nunes Marques Machado Mendes Freitas Cardoso Ramos Gonçalves Santana Teixeira Moraes Correia Pinto Campos Coelho',
);

export const GENERAL_PRACTICE = 'General Practice';

/** Every specialty with the reasons patients give when booking it, in their own words. */
export const REASONS_BY_SPECIALTY: Readonly<Record<string, readonly string[]>> = {
  [GENERAL_PRACTICE]: [
    'Routine check-up',
    'Fever and sore throat',
    'Persistent cough',
    'Headache',
    'Tiredness all the time',
    'Back pain',
    'Blood pressure check',
  ],
  Cardiology: [
    'Chest pain',
    'Palpitations',
    'Short of breath when walking',
    'High blood pressure follow-up',
    'Swollen ankles',
  ],
  Dermatology: ['Itchy rash', 'A mole that changed', 'Acne', 'Hair loss', 'Eczema flare-up'],
  Pediatrics: ['Child with fever', 'Ear pain', 'Vaccination visit', 'Child with a cough', 'Growth check-up'],
  Orthopedics: ['Knee pain', 'Lower back pain', 'Sprained ankle', 'Shoulder pain', 'Hip pain'],
  Gynecology: [
    'Routine gynecological exam',
    'Pelvic pain',
    'Irregular periods',
    'Prenatal visit',
    'Menopause symptoms',
  ],
  Neurology: ['Recurring headaches', 'Migraine', 'Dizziness', 'Numbness in the hands', 'Memory problems'],
  Psychiatry: ['Anxiety', 'Feeling low', 'Trouble sleeping', 'Panic attacks', 'Medication review'],
  Endocrinology: ['Diabetes follow-up', 'Thyroid check', 'Weight gain', 'Always thirsty', 'High blood sugar'],
  Gastroenterology: ['Stomach pain', 'Heartburn', 'Diarrhoea', 'Constipation', 'Bloating'],
  Pulmonology: [
    'Shortness of breath',
    'Asthma follow-up',
    'Cough that will not go away',
    'Wheezing',
    'Snoring',
  ],
  Ophthalmology: ['Blurred vision', 'Red eyes', 'Eye pain', 'New glasses prescription', 'Itchy eyes'],
};

/** Specialists in the order extra doctors are hired, after each clinic has its general practitioner. */
export const SPECIALISTS: readonly string[] = [
  'Cardiology',
  'Dermatology',
  'Pediatrics',
  'Orthopedics',
  'Gynecology',
  'Neurology',
  'Psychiatry',
  'Endocrinology',
  'Gastroenterology',
  'Pulmonology',
  'Ophthalmology',
];
