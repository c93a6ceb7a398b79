// The contract next to this page, read-only: no "try it out", no validator badge from another host.
window.ui = SwaggerUIBundle({
  url: new URL('../openapi.yaml', document.baseURI).href,
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  supportedSubmitMethods: [],
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout'
});
