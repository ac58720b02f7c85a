DROP TABLE oauth_authorization_codes;
DROP TABLE oauth_access_tokens;
DROP TABLE users;
DROP TABLE oauth_applications;
DROP TABLE accounts;
