// Where the site's API is when the page gives no `?api=` parameter: this default works
// when the client is served beside the site (the same origin).
export const API_BASE = "/api/v2/";
