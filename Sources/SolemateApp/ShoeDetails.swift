import ShoeData

/// A shoe as `GET /shoes/{id}` and `POST /shoes` answer it: ShoeData's ``Shoe`` with its id as
/// `shoe_id`, the name every response gives a shoe's id (``Shoe``'s own Codable form is the CSV's,
/// where the column is `id`).
struct ShoeDetails: Encodable {
    let shoe: Shoe

    init(_ shoe: Shoe) { self.shoe = shoe }

    enum CodingKeys: String, CodingKey {
        case shoeID = "shoe_id"
        case brand, model, type, material, color, price
        case careInstructions = "care_instructions"
        case lifespanDays = "lifespan_days"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shoe.id, forKey: .shoeID)
        try container.encode(shoe.brand, forKey: .brand)
        try container.encode(shoe.model, forKey: .model)
        try container.encode(shoe.type, forKey: .type)
        try container.encode(shoe.material, forKey: .material)
        try container.encode(shoe.color, forKey: .color)
        try container.encode(shoe.price, forKey: .price)
        try container.encode(shoe.careInstructions, forKey: .careInstructions)
        try container.encode(shoe.lifespanDays, forKey: .lifespanDays)
    }
}
