/** Where the API lives; everything under it but the public routes needs a bearer token. */
export const API_PREFIX_V1 = '/api/v1';
